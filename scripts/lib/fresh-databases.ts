import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { createFreshDatabase, dropDatabase, migrateDatabase } from './migrate';

export interface FreshDatabase {
  url: string;
  embedded: boolean;
  dispose: () => Promise<void>;
}

/**
 * Hands out fresh, migrated databases quickly. On a real server: one migrated template, then
 * `CREATE DATABASE … TEMPLATE` per request. Embedded: one migrated PGlite is dumped once and every
 * request starts a new PGlite from that dump, served over the wire protocol.
 */
export async function freshDatabaseFactory(serverUrl: string | undefined): Promise<{ next: () => Promise<FreshDatabase>; close: () => Promise<void> }> {
  if (serverUrl) {
    const template = await createFreshDatabase(serverUrl, 'pl_tmpl');
    await migrateDatabase(template);
    const templateName = new URL(template).pathname.slice(1);
    return {
      next: async () => {
        const name = `pl_scn_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
        const admin = new pg.Client({ connectionString: serverUrl });
        await admin.connect();
        try {
          await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
        } finally {
          await admin.end();
        }
        const url = new URL(serverUrl);
        url.pathname = `/${name}`;
        return { url: url.toString(), embedded: false, dispose: () => dropDatabase(url.toString()) };
      },
      close: () => dropDatabase(template),
    };
  }
  const seed = await PGlite.create('memory://');
  const seedServer = new PGLiteSocketServer({ db: seed, host: '127.0.0.1', port: 0 });
  let seedPort = 0;
  seedServer.addEventListener('listening', (e) => (seedPort = (e as CustomEvent<{ port: number }>).detail.port));
  await seedServer.start();
  await migrateDatabase(`postgres://postgres:postgres@127.0.0.1:${seedPort}/postgres?sslmode=disable`);
  await seedServer.stop();
  const dump = await seed.dumpDataDir('none');
  await seed.close();
  return {
    next: async () => {
      const db = await PGlite.create({ loadDataDir: dump });
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
      let port = 0;
      server.addEventListener('listening', (e) => (port = (e as CustomEvent<{ port: number }>).detail.port));
      await server.start();
      return {
        url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
        embedded: true,
        dispose: async () => {
          await server.stop();
          await db.close();
        },
      };
    },
    close: async () => undefined,
  };
}
