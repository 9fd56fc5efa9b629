import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** "PostgreSQL 17.2", for the benchmarks' report: figures mean little without the server's name. */
export async function serverVersion(db: Executor): Promise<string> {
  const { rows } = await db.execute<{ version: string }>(sql`select version() as version`);
  return rows[0].version.split(' ').slice(0, 2).join(' ');
}

/**
 * The export benchmark's ledger: `count` commission entries spread over the given partners, three a
 * second with microseconds (ties for the keyset), written by one INSERT … SELECT so setting up a
 * million rows takes seconds rather than the minutes ingestion would.
 */
export async function insertSyntheticEntries(db: Executor, workspaceId: string, programId: string, partnerIds: string[], count: number) {
  await db.execute(sql`
    insert into ledger_entries (workspace_id, partner_id, program_id, kind, amount, unit, payable_at, created_at, explanation)
    select ${workspaceId}::uuid, (${`{${partnerIds.join(',')}}`}::uuid[])[1 + i % ${partnerIds.length}], ${programId}::uuid, 'commission',
           (i % 100000)::numeric / 100, 'USD',
           timestamptz '2026-01-01 00:00:00.000123+00' + (i / 3) * interval '1 second',
           timestamptz '2026-01-01 00:00:00.000123+00' + (i / 3) * interval '1 second', '{}'::jsonb
    from generate_series(1, ${count}) as i`);
  // a live ledger has statistics; a table filled a moment ago has none until autovacuum's next
  // round, and the planner would take it for empty
  await db.execute(sql`analyze ledger_entries`);
}

/** The baseline the export is compared with: the same entries read whole into memory in one query. */
export async function readAllEntries(db: Executor, workspaceId: string) {
  const { rows } = await db.execute(sql`
    select e.id, e.created_at, p.name, p.email, e.kind, e.amount, e.unit, e.payable_at
    from ledger_entries e join partners p on p.id = e.partner_id
    where e.workspace_id = ${workspaceId} order by e.created_at, e.id`);
  return rows;
}
