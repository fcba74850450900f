import { exportLoader } from "./o.$orgSlug.clients.$clientId.campaigns.$campaignId._index/export-download.server";

// Download of the campaign as ODS JSON.
export const loader = exportLoader("json");
