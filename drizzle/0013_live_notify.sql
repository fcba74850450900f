-- Live updates without polling: a change of a plan's version or status is announced on the channel
-- qiao_live as "<organization_id>:<campaign_id>"; each app instance LISTENs once and tells the open
-- pages of that plan (Server-Sent Events). The notice carries no plan data: pages fetch …/live, which
-- checks access, when told.
CREATE FUNCTION qiao_notify_live() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('qiao_live', NEW.organization_id::text || ':' || NEW.id::text);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER campaigns_notify_live AFTER UPDATE OF plan_version, status ON campaigns
  FOR EACH ROW WHEN (OLD.plan_version IS DISTINCT FROM NEW.plan_version OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION qiao_notify_live();
