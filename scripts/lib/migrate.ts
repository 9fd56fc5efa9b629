import pg from 'pg';

// Databases for tests, CI and benches. Applying the migrations is the data layer's job (db/migrate.ts);
// it is re-exported here so the scripts keep one import for "a fresh, migrated database".
export { migrateDatabase } from '../../db/migrate';

/** Creates a uniquely named database on a real server and returns its URL (tests, CI, benches). */
export async function createFreshDatabase(serverUrl: string, prefix = 'pl_test'): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
