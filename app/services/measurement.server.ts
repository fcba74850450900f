import type { LineItemRow } from "@db/schema";
import type { LineMeasurement } from "~/domain/plan";
import { findLine } from "~/models/line-item.server";
import { inScope, type Access, type ClientAccess } from "~/tenancy/access.server";
import { isDestinationId } from "~/domain/catalog";
import { lineInputOf } from "~/domain/plan";
import { updateLine, updateLineMeasurement, type SaveResult } from "./planner.server";

/** "Land in a WeChat mini program instead": the line's own save, with only the destination changed. */
export async function applyDestination(access: ClientAccess, campaignId: string, lineId: string, version: number, destinationId: string): Promise<SaveResult<LineItemRow> | null> {
  if (!isDestinationId(destinationId)) return { ok: false, kind: "invalid", errors: { destinationId: ["validation.choose"] } };
  const row = await inScope(access, (scope) => findLine(scope, campaignId, lineId));
  if (!row) return null;
  return updateLine(access, campaignId, lineId, version, { ...lineInputOf(row), destinationId });
}

/** What the planner typed on a measurement row; the generated part is recomputed from the line. */
export async function saveMeasurement(access: ClientAccess, campaignId: string, lineId: string, version: number, measurement: LineMeasurement) {
  return updateLineMeasurement(access, campaignId, lineId, version, measurement);
}
