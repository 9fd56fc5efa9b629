import { afterAll } from 'vitest';
import { createDatabase, type Database } from '../../db/client';

/** A database handle for one test file, closed when the file ends. */
export function testDatabase(): Database {
  const { db, close } = createDatabase(process.env.DATABASE_URL!, { embedded: process.env.DATABASE_EMBEDDED === '1' });
  afterAll(close);
  return db;
}

/** Unique suffix so test files sharing one database never collide on emails or slugs. */
export const uniq = (prefix = 't') => `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
