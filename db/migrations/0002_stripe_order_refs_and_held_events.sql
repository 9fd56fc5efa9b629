CREATE TABLE "stripe_held_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "stripe_held_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"sender_id" text NOT NULL,
	"kind" text NOT NULL,
	"instruction" jsonb NOT NULL,
	"waits_for" text[] NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"held_at" timestamp with time zone DEFAULT now() NOT NULL,
	"release_after" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "stripe_order_refs" (
	"workspace_id" uuid NOT NULL,
	"stripe_id" text NOT NULL,
	"order_ref" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stripe_order_refs_pk" PRIMARY KEY("workspace_id","stripe_id")
);
--> statement-breakpoint
ALTER TABLE "stripe_held_events" ADD CONSTRAINT "stripe_held_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_order_refs" ADD CONSTRAINT "stripe_order_refs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stripe_held_events_workspace_sender_uq" ON "stripe_held_events" USING btree ("workspace_id","sender_id");--> statement-breakpoint
CREATE INDEX "stripe_held_events_waits_for_idx" ON "stripe_held_events" USING gin ("waits_for");--> statement-breakpoint
CREATE INDEX "stripe_held_events_due_idx" ON "stripe_held_events" USING btree ("release_after");--> statement-breakpoint
CREATE INDEX "stripe_order_refs_order_idx" ON "stripe_order_refs" USING btree ("workspace_id","order_ref");--> statement-breakpoint
-- Stripe orders received before this table existed kept their payment ids only in their payload
-- (payload.stripe.refs); refunds now find orders through stripe_order_refs alone.
INSERT INTO "stripe_order_refs" ("workspace_id", "stripe_id", "order_ref")
SELECT e."workspace_id", r.ref, e."sender_id"
FROM "events" e CROSS JOIN LATERAL jsonb_array_elements_text(e."payload" -> 'stripe' -> 'refs') AS r(ref)
WHERE e."source" = 'stripe' AND e."type" = 'order' AND jsonb_typeof(e."payload" -> 'stripe' -> 'refs') = 'array'
ORDER BY e."seq"
ON CONFLICT DO NOTHING;
