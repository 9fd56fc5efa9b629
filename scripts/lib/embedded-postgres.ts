import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';

export interface EmbeddedPostgres {
  url: string;
  stop: () => Promise<void>;
}

/**
 * PGlite served over the Postgres wire protocol, so the app reaches it with the same `pg` driver
 * as a real server. `dataDir` undefined keeps everything in memory (tests: a fresh database per run).
 */
export async function startEmbeddedPostgres(opts: { dataDir?: string; port?: number } = {}): Promise<EmbeddedPostgres> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const db = await PGlite.create(opts.dataDir ?? 'memory://');
  // The server multiplexes connections and keeps a transaction's statements on its own connection.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: opts.port ?? 0, maxConnections: 32 });
  let port = opts.port ?? 0;
  server.addEventListener('listening', (e) => {
    const detail = (e as CustomEvent<{ port: number }>).detail;
    if (detail?.port) port = detail.port;
  });
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
