CREATE TABLE "benchmark_overrides" (
	"organization_id" uuid NOT NULL,
	"placement_id" text NOT NULL,
	"benchmarks" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benchmark_overrides_organization_id_placement_id_pk" PRIMARY KEY("organization_id","placement_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_destinations" (
	"id" text PRIMARY KEY NOT NULL,
	"ecosystem_id" text,
	"name_en" text NOT NULL,
	"name_zh" text NOT NULL,
	"capture_level" text NOT NULL,
	"catalog_version" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_ecosystems" (
	"id" text PRIMARY KEY NOT NULL,
	"name_en" text NOT NULL,
	"name_zh" text NOT NULL,
	"catalog_version" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_placements" (
	"id" text PRIMARY KEY NOT NULL,
	"ecosystem_id" text NOT NULL,
	"name_en" text NOT NULL,
	"name_zh" text NOT NULL,
	"reporting_level" text NOT NULL,
	"funnel_stage" text NOT NULL,
	"buying_models" text[] NOT NULL,
	"destinations" text[] NOT NULL,
	"catalog_version" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custom_placements" (
	"organization_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"ecosystem_id" text NOT NULL,
	"name_en" text NOT NULL,
	"name_zh" text NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"buying_models" text[] NOT NULL,
	"default_buying_model" text NOT NULL,
	"reporting_level" text NOT NULL,
	"funnel_stage" text NOT NULL,
	"formats" text[] NOT NULL,
	"benchmarks" jsonb NOT NULL,
	"destinations" text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "custom_placements_organization_id_id_pk" PRIMARY KEY("organization_id","id")
);
--> statement-breakpoint
CREATE TABLE "level_overrides" (
	"organization_id" uuid NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"level" text NOT NULL,
	"justification" text NOT NULL,
	"set_by" uuid,
	"set_by_name" text,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "level_overrides_organization_id_target_type_target_id_pk" PRIMARY KEY("organization_id","target_type","target_id"),
	CONSTRAINT "level_overrides_target_type" CHECK ("level_overrides"."target_type" in ('placement', 'destination')),
	CONSTRAINT "level_overrides_level" CHECK ("level_overrides"."level" in ('aggregated', 'transactional', 'individual')),
	CONSTRAINT "level_overrides_justification" CHECK (length(trim("level_overrides"."justification")) >= 10)
);
--> statement-breakpoint
ALTER TABLE "benchmark_overrides" ADD CONSTRAINT "benchmark_overrides_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_placements" ADD CONSTRAINT "catalog_placements_ecosystem_id_catalog_ecosystems_id_fk" FOREIGN KEY ("ecosystem_id") REFERENCES "public"."catalog_ecosystems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_placements" ADD CONSTRAINT "custom_placements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "level_overrides" ADD CONSTRAINT "level_overrides_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "custom_placements_org_eco_idx" ON "custom_placements" USING btree ("organization_id","ecosystem_id");