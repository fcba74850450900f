-- Reference tables: everyone reads; the app role never writes (the owner login seeds them at start-up).
REVOKE INSERT, UPDATE, DELETE ON catalog_ecosystems, catalog_placements, catalog_destinations FROM qiao_app;
--> statement-breakpoint
ALTER TABLE catalog_ecosystems ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE catalog_ecosystems FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY catalog_ecosystems_read ON catalog_ecosystems FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY catalog_ecosystems_seed ON catalog_ecosystems FOR ALL USING (current_user <> 'qiao_app') WITH CHECK (current_user <> 'qiao_app');
--> statement-breakpoint
ALTER TABLE catalog_placements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE catalog_placements FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY catalog_placements_read ON catalog_placements FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY catalog_placements_seed ON catalog_placements FOR ALL USING (current_user <> 'qiao_app') WITH CHECK (current_user <> 'qiao_app');
--> statement-breakpoint
ALTER TABLE catalog_destinations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE catalog_destinations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY catalog_destinations_read ON catalog_destinations FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY catalog_destinations_seed ON catalog_destinations FOR ALL USING (current_user <> 'qiao_app') WITH CHECK (current_user <> 'qiao_app');
--> statement-breakpoint
ALTER TABLE benchmark_overrides ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE benchmark_overrides FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY benchmark_overrides_tenant ON benchmark_overrides
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
--> statement-breakpoint
ALTER TABLE level_overrides ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE level_overrides FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY level_overrides_tenant ON level_overrides
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
--> statement-breakpoint
ALTER TABLE custom_placements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE custom_placements FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY custom_placements_tenant ON custom_placements
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
