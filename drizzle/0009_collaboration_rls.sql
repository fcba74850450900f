-- Snapshots are immutable: the app role may only insert and read them.
REVOKE UPDATE, DELETE ON plan_versions FROM qiao_app;
--> statement-breakpoint
ALTER TABLE plan_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY plan_versions_read ON plan_versions FOR SELECT USING (organization_id = app_current_org());
--> statement-breakpoint
CREATE POLICY plan_versions_insert ON plan_versions FOR INSERT WITH CHECK (organization_id = app_current_org());
--> statement-breakpoint
ALTER TABLE comments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE comments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY comments_tenant ON comments
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Anyone in the tenant may notify a teammate; each person reads (and marks read) only their own.
CREATE POLICY notifications_insert ON notifications FOR INSERT WITH CHECK (organization_id = app_current_org());
--> statement-breakpoint
CREATE POLICY notifications_own_read ON notifications FOR SELECT USING (user_id = app_current_user());
--> statement-breakpoint
CREATE POLICY notifications_own_update ON notifications FOR UPDATE USING (user_id = app_current_user()) WITH CHECK (user_id = app_current_user());
--> statement-breakpoint
ALTER TABLE presence ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE presence FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY presence_tenant ON presence
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
