CREATE TABLE "campaigns" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"objective" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"budget_fen" bigint NOT NULL,
	"reporting_currency" text DEFAULT 'CNY' NOT NULL,
	"fx_rate" double precision DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"owner_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "campaigns_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "campaigns_dates" CHECK ("campaigns"."end_date" >= "campaigns"."start_date"),
	CONSTRAINT "campaigns_budget" CHECK ("campaigns"."budget_fen" >= 0),
	CONSTRAINT "campaigns_fx" CHECK ("campaigns"."fx_rate" > 0)
);
--> statement-breakpoint
CREATE TABLE "line_items" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"ecosystem_id" text NOT NULL,
	"placement_id" text NOT NULL,
	"destination_id" text NOT NULL,
	"buying_model" text NOT NULL,
	"unit_cost_fen" bigint,
	"budget_fen" bigint NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"kpi_id" text,
	"kpi_target" double precision,
	"audience_notes" text DEFAULT '' NOT NULL,
	"format_notes" text DEFAULT '' NOT NULL,
	"flighting_mode" text DEFAULT 'even' NOT NULL,
	"custom_flighting_fen" jsonb,
	"measurement" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "line_items_organization_id_id_pk" PRIMARY KEY("organization_id","id"),
	CONSTRAINT "line_items_dates" CHECK ("line_items"."end_date" >= "line_items"."start_date"),
	CONSTRAINT "line_items_budget" CHECK ("line_items"."budget_fen" >= 0),
	CONSTRAINT "line_items_unit_cost" CHECK ("line_items"."unit_cost_fen" is null or "line_items"."unit_cost_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_organization_id_client_account_id_client_accounts_organization_id_id_fk" FOREIGN KEY ("organization_id","client_account_id") REFERENCES "public"."client_accounts"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_organization_id_campaign_id_campaigns_organization_id_id_fk" FOREIGN KEY ("organization_id","campaign_id") REFERENCES "public"."campaigns"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_org_client_idx" ON "campaigns" USING btree ("organization_id","client_account_id","created_at");--> statement-breakpoint
CREATE INDEX "line_items_org_campaign_idx" ON "line_items" USING btree ("organization_id","campaign_id","position");