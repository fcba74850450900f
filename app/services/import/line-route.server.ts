// A line's route: the placement, the landing destination it sends people to, and the buying model
// it is sold on, with the placement's defaults when the file leaves them out.
import { defaultDestinationOf } from "../../domain/plan";
import { isBuyingModel, type BuyingModel } from "../../domain/buying-models";
import type { Placement } from "../../domain/catalog";
import { canReach } from "../../domain/openness";
import { labelOf } from "../../domain/spreadsheet-lists";
import { readText } from "./cells.server";
import type { LineRead } from "./record-types.server";
import { resolveEnum } from "./row-reads.server";

export type LineRoute = { placement: Placement | undefined; destinationId: string | undefined; buyingModel: BuyingModel | undefined };

export function readRoute(read: LineRead): LineRoute {
  const placement = readPlacement(read);
  checkEcosystem(read, placement);
  return { placement, destinationId: readDestination(read, placement), buyingModel: readBuyingModel(read, placement) };
}

function readPlacement({ get, problems, resolvers, record }: LineRead): Placement | undefined {
  const placementCell = get("placement");
  if (!placementCell) {
    if (!problems.hasErrorIn("placement")) problems.add("placement", "required", "error", { column: "placement" }, record.cells.placement);
    return undefined;
  }
  const id = resolveEnum(problems, resolvers, "placement", "placement", placementCell);
  return id ? resolvers.placements.get(id) : undefined;
}

/** An ecosystem is implied by the placement: one that says otherwise is only warned about. */
function checkEcosystem({ get, problems, resolvers, context }: LineRead, placement: Placement | undefined): void {
  const { catalog, locale } = context;
  const ecosystemCell = get("ecosystem");
  if (ecosystemCell && placement) {
    const ecosystemId = resolveEnum(problems, resolvers, "ecosystem", "ecosystem", ecosystemCell, "warning");
    if (ecosystemId && ecosystemId !== placement.ecosystemId) {
      problems.add("ecosystem", "ecosystemMismatch", "warning", {
        value: readText(ecosystemCell),
        placement: labelOf("placement", placement.id, catalog, locale),
        ecosystem: labelOf("ecosystem", placement.ecosystemId, catalog, locale),
      }, ecosystemCell);
    }
  }
}

function readDestination({ get, problems, resolvers, context }: LineRead, placement: Placement | undefined): string | undefined {
  const { catalog, locale } = context;
  const destinationCell = get("destination");
  let destinationId: string | undefined;
  if (destinationCell) destinationId = resolveEnum(problems, resolvers, "destination", "destination", destinationCell);
  else if (placement) {
    destinationId = defaultDestinationOf(placement);
    problems.add("destination", "destinationDefaulted", "warning", { destination: labelOf("destination", destinationId, catalog, locale) });
  }
  if (placement && destinationId && destinationCell && !canReach(placement, destinationId)) {
    problems.add("destination", "destinationUnreachable", "warning", {
      placement: labelOf("placement", placement.id, catalog, locale),
      destination: labelOf("destination", destinationId, catalog, locale),
    }, destinationCell);
  }
  return destinationId;
}

function readBuyingModel({ get, problems, resolvers, context }: LineRead, placement: Placement | undefined): BuyingModel | undefined {
  const { catalog, locale } = context;
  const modelCell = get("buying_model");
  let buyingModel: BuyingModel | undefined;
  if (modelCell) {
    const id = resolveEnum(problems, resolvers, "buying_model", "buying_model", modelCell);
    buyingModel = id && isBuyingModel(id) ? id : undefined;
  } else if (placement) {
    buyingModel = placement.defaultBuyingModel;
    problems.add("buying_model", "buyingModelDefaulted", "warning", { buyingModel: labelOf("buying_model", buyingModel, catalog, locale) });
  }
  if (placement && buyingModel && modelCell && placement.buyingModels.length > 0 && !placement.buyingModels.includes(buyingModel)) {
    problems.add("buying_model", "buyingModelNotOffered", "warning", {
      placement: labelOf("placement", placement.id, catalog, locale),
      buyingModel: labelOf("buying_model", buyingModel, catalog, locale),
    }, modelCell);
  }
  return buyingModel;
}
