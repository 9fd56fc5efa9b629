CREATE INDEX "enrollments_workspace_time_id_idx" ON "enrollments" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "partners_workspace_time_id_idx" ON "partners" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "coupons_workspace_time_id_idx" ON "coupons" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "links_workspace_time_id_idx" ON "links" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "customers_workspace_time_id_idx" ON "customers" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "deal_registrations_workspace_time_id_idx" ON "deal_registrations" USING btree ("workspace_id","registered_at","id");--> statement-breakpoint
CREATE INDEX "events_workspace_time_id_idx" ON "events" USING btree ("workspace_id","occurred_at","id");