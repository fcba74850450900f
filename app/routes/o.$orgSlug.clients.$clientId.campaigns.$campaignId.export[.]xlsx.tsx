import { exportLoader } from "./o.$orgSlug.clients.$clientId.campaigns.$campaignId._index/export-download.server";

// Download of the campaign as XLSX.
export const loader = exportLoader("xlsx");
