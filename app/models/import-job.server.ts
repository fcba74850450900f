import { and, eq, isNull } from "drizzle-orm";
import { importJobs } from "@db/schema";
import type { Scope } from "~/models/scope.server";

export async function insertImportJob(scope: Scope, input: { campaignId: string; fileName: string; format: string; planVersion: number; parsed: unknown; hasErrors: boolean }) {
  const [row] = await scope.tx
    .insert(importJobs)
    .values({ ...input, hasErrors: input.hasErrors ? 1 : 0, organizationId: scope.organizationId, createdBy: scope.userId })
    .returning();
  if (!row) throw new Error("Import job insert returned no row.");
  return row;
}

export async function findImportJob(scope: Scope, campaignId: string, jobId: string) {
  const [row] = await scope.tx
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.organizationId, scope.organizationId), eq(importJobs.campaignId, campaignId), eq(importJobs.id, jobId)));
  return row;
}

/** Claims the job for this apply: only the first claim succeeds (the row stays locked until commit). */
export async function claimImportJob(scope: Scope, campaignId: string, jobId: string): Promise<boolean> {
  const rows = await scope.tx
    .update(importJobs)
    .set({ appliedAt: new Date() })
    .where(and(eq(importJobs.organizationId, scope.organizationId), eq(importJobs.campaignId, campaignId), eq(importJobs.id, jobId), isNull(importJobs.appliedAt)))
    .returning({ id: importJobs.id });
  return rows.length === 1;
}

export async function setImportResult(scope: Scope, jobId: string, result: Record<string, number>): Promise<void> {
  await scope.tx.update(importJobs).set({ result }).where(and(eq(importJobs.organizationId, scope.organizationId), eq(importJobs.id, jobId)));
}
