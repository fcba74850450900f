ALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE campaigns FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY campaigns_tenant ON campaigns
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
--> statement-breakpoint
ALTER TABLE line_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE line_items FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY line_items_tenant ON line_items
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
