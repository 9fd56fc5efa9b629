CREATE TABLE "program_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"terms" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "terms" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "enrollment_status_changes" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "bindings" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "program_versions" ADD CONSTRAINT "program_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_versions" ADD CONSTRAINT "program_versions_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "program_versions_program_version_uq" ON "program_versions" USING btree ("program_id","version");--> statement-breakpoint
-- every existing program's current terms become its version 1
INSERT INTO "program_versions" ("workspace_id", "program_id", "version", "terms", "created_at")
SELECT "workspace_id", "id", 1, jsonb_build_object(
  'name', "name", 'description', "description", 'terms', "terms", 'category', "category"::text, 'unit', "unit",
  'rules', "rules", 'scope', "scope", 'model', "model"::text, 'windowDays', "window_days",
  'couponPrecedence', "coupon_precedence"::text, 'holdDays', "hold_days", 'approvalMode', "approval_mode"::text,
  'joinPageEnabled', "join_page_enabled"), "created_at"
FROM "programs";
