import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** "PostgreSQL 17.2", for the benchmarks' report: figures mean little without the server's name. */
export async function serverVersion(db: Executor): Promise<string> {
  const { rows } = await db.execute<{ version: string }>(sql`select version() as version`);
  return rows[0].version.split(' ').slice(0, 2).join(' ');
}
