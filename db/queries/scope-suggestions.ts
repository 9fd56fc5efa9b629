import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface ScopeSuggestions {
  products: string[];
  plans: string[];
  categories: string[];
}

/**
 * The products, plans and categories the workspace's storefront has sent on order lines, for the
 * scope editor's suggestions. Read from the most recent orders only (bounded work on a large
 * workspace; the events index on (workspace, type, occurred_at) serves it), at most `limit` each.
 */
export async function scopeSuggestions(db: Executor, workspaceId: string, opts: { recentOrders?: number; limit?: number } = {}): Promise<ScopeSuggestions> {
  const recent = opts.recentOrders ?? 5000;
  const limit = opts.limit ?? 200;
  const result = await db.execute<{ field: string; value: string }>(sql`
    with recent as (
      select payload from events
      where workspace_id = ${workspaceId} and type = 'order'
      order by occurred_at desc
      limit ${recent}
    ), lines as (
      select line from recent, jsonb_array_elements(
        case when jsonb_typeof(payload -> 'data' -> 'lines') = 'array' then payload -> 'data' -> 'lines' else '[]'::jsonb end
      ) as line
    ), found as (
      select distinct f.field, line ->> f.field as value
      from lines, (values ('product'), ('plan'), ('category')) as f(field)
      where jsonb_typeof(line -> f.field) = 'string' and length(line ->> f.field) between 1 and 200
    ), ranked as (
      select field, value, row_number() over (partition by field order by value) as n from found
    )
    select field, value from ranked where n <= ${limit} order by field, value
  `);
  const out: ScopeSuggestions = { products: [], plans: [], categories: [] };
  for (const r of result.rows) {
    if (r.field === 'product') out.products.push(r.value);
    else if (r.field === 'plan') out.plans.push(r.value);
    else if (r.field === 'category') out.categories.push(r.value);
  }
  return out;
}
