CREATE INDEX "clicks_workspace_time_idx" ON "clicks" USING btree ("workspace_id","occurred_at");--> statement-breakpoint
CREATE INDEX "bindings_workspace_time_idx" ON "bindings" USING btree ("workspace_id","bound_at");--> statement-breakpoint
CREATE INDEX "ledger_workspace_time_id_idx" ON "ledger_entries" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "order_credits_workspace_time_idx" ON "order_credits" USING btree ("workspace_id","at");