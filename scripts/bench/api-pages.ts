/**
 * Walking a list the way an integrator pulls the ledger into its books: page after page, each
 * request naming the previous page's `next_cursor` as `starting_after`, one request at a time.
 * Per-page latencies show whether a keyset page slows down the deeper it is (an OFFSET page
 * would); the ids seen are kept to check the walk had no gaps or repeats.
 */
import http from 'node:http';

export interface Walk {
  /** ms per page, in page order */
  latencies: number[];
  ids: string[];
  /** `created_at` of every object, in the order seen (when the objects carry one) */
  times: string[];
  /** the cursor that starts the last page walked: a deep page to load on its own */
  lastCursor: string | null;
  /** false when the list ran out before the pages asked for */
  complete: boolean;
}

interface ListPage {
  object: 'list';
  data: { id: string; created_at?: string }[];
  has_more: boolean;
  next_cursor: string | null;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export function getJson(baseUrl: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method: 'GET', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

export async function walkPages(opts: { baseUrl: string; path: string; key: string; pages: number; limit: number }): Promise<Walk> {
  const headers = { authorization: `Bearer ${opts.key}` };
  const walk: Walk = { latencies: [], ids: [], times: [], lastCursor: null, complete: true };
  let cursor: string | null = null;
  for (let page = 0; page < opts.pages; page++) {
    if (page === opts.pages - 1) walk.lastCursor = cursor;
    const sep = opts.path.includes('?') ? '&' : '?';
    const path = `${opts.path}${sep}limit=${opts.limit}${cursor ? `&starting_after=${cursor}` : ''}`;
    const t0 = performance.now();
    const res = await getJson(opts.baseUrl, path, headers);
    walk.latencies.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${res.body.slice(0, 300)}`);
    const list = JSON.parse(res.body) as ListPage;
    for (const o of list.data) {
      walk.ids.push(o.id);
      if (o.created_at) walk.times.push(o.created_at);
    }
    cursor = list.next_cursor;
    if (!cursor) {
      walk.complete = page === opts.pages - 1;
      break;
    }
  }
  return walk;
}

/** What a walk proves about the list: every object once, and newest first by `created_at`. */
export function checkWalk(walk: Walk): { objects: number; repeated: number; outOfOrder: number } {
  let outOfOrder = 0;
  for (let i = 1; i < walk.times.length; i++) if (Date.parse(walk.times[i]) > Date.parse(walk.times[i - 1])) outOfOrder++;
  return { objects: walk.ids.length, repeated: walk.ids.length - new Set(walk.ids).size, outOfOrder };
}

export function closeWalkAgent(): void {
  agent.destroy();
}
