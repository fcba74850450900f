ALTER TABLE import_jobs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE import_jobs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY import_jobs_tenant ON import_jobs
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
