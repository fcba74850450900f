-- Row-level security for accounts, organizations, client accounts and teams.
-- app.organization_id: the tenant of this transaction; app.user_id: who acts; app.auth = 'on' only
-- inside app/auth (sessions, login limits, sign-up, invitation links).
CREATE OR REPLACE FUNCTION app_current_org() RETURNS uuid LANGUAGE sql STABLE AS
$$ select nullif(current_setting('app.organization_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_current_user() RETURNS uuid LANGUAGE sql STABLE AS
$$ select nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_auth_mode() RETURNS boolean LANGUAGE sql STABLE AS
$$ select coalesce(current_setting('app.auth', true), '') = 'on' $$;
--> statement-breakpoint
DROP POLICY IF EXISTS organizations_tenant ON organizations;
--> statement-breakpoint
CREATE POLICY organizations_tenant ON organizations
  USING (id = app_current_org() OR id IN (SELECT m.organization_id FROM memberships m WHERE m.user_id = app_current_user()))
  WITH CHECK (id = app_current_org());
--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY memberships_tenant ON memberships
  USING (organization_id = app_current_org() OR user_id = app_current_user())
  WITH CHECK (organization_id = app_current_org());
--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_visible ON users
  USING (
    app_auth_mode()
    OR id = app_current_user()
    OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.organization_id = app_current_org())
  )
  WITH CHECK (app_auth_mode() OR id = app_current_user());
--> statement-breakpoint
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sessions_auth_only ON sessions USING (app_auth_mode()) WITH CHECK (app_auth_mode());
--> statement-breakpoint
ALTER TABLE rate_limit_buckets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE rate_limit_buckets FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY rate_limit_auth_only ON rate_limit_buckets USING (app_auth_mode()) WITH CHECK (app_auth_mode());
--> statement-breakpoint
ALTER TABLE client_accounts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE client_accounts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY client_accounts_tenant ON client_accounts
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
--> statement-breakpoint
ALTER TABLE client_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE client_members FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY client_members_tenant ON client_members
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
--> statement-breakpoint
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY invitations_tenant ON invitations
  USING (organization_id = app_current_org() OR app_auth_mode())
  WITH CHECK (organization_id = app_current_org());
--> statement-breakpoint
ALTER TABLE activity_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE activity_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY activity_events_tenant ON activity_events
  USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org());
