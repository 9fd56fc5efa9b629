import 'server-only';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { drizzle as drizzleNeon } from 'drizzle-orm/neon-serverless';
import { Pool as NeonPool } from '@neondatabase/serverless';
import pg from 'pg';
import * as schema from './schema';
import { env, requireEnv } from '../lib/env';

export type Database = NodePgDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** A database handle or an open transaction: query functions accept either. */
export type Executor = Database | Transaction;

const isNeonUrl = (url: string) => /\.neon\.tech(:\d+)?\//.test(url) || /\.neon\.build(:\d+)?\//.test(url);

export function createDatabase(url: string, opts: { embedded?: boolean } = {}): { db: Database; close: () => Promise<void> } {
  if (isNeonUrl(url)) {
    const pool = new NeonPool({ connectionString: url });
    // Same query builder API; the node-postgres type is the common denominator we code against.
    const db = drizzleNeon({ client: pool, schema }) as unknown as Database;
    return { db, close: () => pool.end() };
  }
  // PGlite runs one statement at a time; a small pool avoids queueing many idle sockets on it.
  const pool = new pg.Pool({ connectionString: url, max: opts.embedded ? 4 : 10 });
  pool.on('error', reportIdleClientError);
  const db = drizzlePg({ client: pool, schema });
  return { db, close: () => pool.end() };
}

/**
 * An idle pooled connection failed: pg drops it and opens a new one on the next query, so no request
 * is harmed. When the server closed it (a restart, the embedded Postgres stopping with `npm run dev`,
 * a proxy's idle timeout) that is expected and worth one line; anything else is logged as an error,
 * without the client object pg attaches (a screenful of internals).
 */
function reportIdleClientError(err: Error & { code?: string }) {
  const closedByServer = err.code === '57P01' || err.code === 'ECONNRESET' || /Connection terminated/i.test(err.message);
  if (closedByServer) console.warn(`[db] the server closed an idle connection (${err.message}); a new one is opened when needed`);
  else console.error(`[db] idle connection failed: ${err.code ? `${err.code} ` : ''}${err.message}`);
}

const globalForDb = globalThis as unknown as { __db?: { db: Database; close: () => Promise<void> } };

/** The app's shared database handle (kept on globalThis so dev hot reloads reuse the pool). */
export function getDb(): Database {
  globalForDb.__db ??= createDatabase(requireEnv('DATABASE_URL'), { embedded: env().DATABASE_EMBEDDED === '1' });
  return globalForDb.__db.db;
}
