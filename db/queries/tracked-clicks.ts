import 'server-only';
import { and, count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { clicks } from '../schema';

/** A click ready for the clicks table (from the Redis queue or the relay). */
export interface ClickRowInput {
  id: string;
  workspaceId: string;
  linkId: string;
  visitorId: string;
  occurredAt: string;
  isBot: boolean;
  userAgent: string | null;
  referrer: string | null;
  country: string | null;
}

export interface ClickInsertOutcome {
  /** rows written now */
  inserted: number;
  /** already stored before (a replay after a crash, a relayed click Redis also kept) */
  alreadyStored: number;
  /** their link (or workspace) no longer exists: nothing to attach them to */
  orphaned: number;
}

/**
 * Inserts a batch in one statement, idempotent by click id. Partner and program come from the
 * link row itself, and clicks of a deleted link are skipped instead of failing the batch on a
 * foreign key (one such click would otherwise block the queue forever). Rows are inserted in the
 * batch's order (WITH ORDINALITY, ORDER BY), so each click's `seq` follows the queue's arrival
 * order whatever plan the join takes: clicks at the same instant are then ordered by `seq` (§4.2).
 */
export async function insertClickRows(db: Executor, rows: readonly ClickRowInput[]): Promise<ClickInsertOutcome> {
  if (rows.length === 0) return { inserted: 0, alreadyStored: 0, orphaned: 0 };
  const payload = JSON.stringify(rows.map((r) => ({
    id: r.id, workspace_id: r.workspaceId, link_id: r.linkId, visitor_id: r.visitorId, occurred_at: r.occurredAt,
    is_bot: r.isBot, user_agent: r.userAgent, referrer: r.referrer, country: r.country,
  })));
  const result = await db.execute<{ inserted: string; known: string }>(sql`
    with batch as (
      select * from rows from (jsonb_to_recordset(${payload}::jsonb) as (
        id text, workspace_id uuid, link_id uuid, visitor_id text, occurred_at timestamptz,
        is_bot boolean, user_agent text, referrer text, country text)
      ) with ordinality as x(id, workspace_id, link_id, visitor_id, occurred_at, is_bot, user_agent, referrer, country, position)
    ),
    known as (
      select b.*, l.partner_id, l.program_id from batch b join links l on l.id = b.link_id and l.workspace_id = b.workspace_id
    ),
    written as (
      insert into clicks (id, workspace_id, link_id, partner_id, program_id, visitor_id, occurred_at, is_bot, user_agent, referrer, country)
      select id, workspace_id, link_id, partner_id, program_id, visitor_id, occurred_at, is_bot, user_agent, referrer, country from known
      order by position
      on conflict (id) do nothing
      returning 1
    )
    select (select count(*) from written) as inserted, (select count(distinct id) from known) as known`);
  const { inserted, known } = result.rows[0];
  const distinct = new Set(rows.map((r) => r.id)).size;
  return { inserted: Number(inserted), alreadyStored: Number(known) - Number(inserted), orphaned: distinct - Number(known) };
}

/** Whether the workspace's click is in Postgres (the primary key finds it; the workspace scopes it). */
export async function clickExists(db: Executor, workspaceId: string, clickId: string): Promise<boolean> {
  const rows = await db.select({ id: clicks.id }).from(clicks).where(and(eq(clicks.workspaceId, workspaceId), eq(clicks.id, clickId)));
  return rows.length > 0;
}

export async function countClicks(db: Executor, workspaceId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(clicks).where(eq(clicks.workspaceId, workspaceId));
  return row?.n ?? 0;
}
