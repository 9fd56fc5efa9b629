import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Backend } from './backend';
import { BackendUnavailableError } from './backend';
import { encodeReply, outcomeBody, type ResultBody } from './encoding';
import { createMemoryBackend } from './memory-backend';
import { createRedisBackend } from './redis-backend';
import { BadRequestError, commandFromPath, parseJson, readBody, toCommand, toCommandList } from './request';

/**
 * An HTTP server speaking the Upstash Redis REST protocol, so the same @upstash/redis client code
 * runs against Upstash in production and against a local Redis (or memory) in dev and CI:
 *
 *   POST /            ["SET","k","v"]              -> {"result": "OK"} | 400 {"error": "ERR ..."}
 *   POST /pipeline    [["INCR","a"],["GET","a"]]   -> [{"result": 1}, {"error": "..."}]  (always 200)
 *   POST /multi-exec  same body, run atomically    -> same shape | 400 {"error": "EXECABORT ..."}
 *   GET|POST /get/k   URL form; a POST body is appended as the last argument
 *
 * Requests need `Authorization: Bearer <token>` (or `?_token=`); `Upstash-Encoding: base64` makes
 * every string in results base64. Redis being down is a 503, never a crash.
 */

export interface RedisBridgeOptions {
  /** Forward to this Redis (redis://...); without it data lives in memory and dies with the process. */
  redisUrl?: string;
  token: string;
  /** Defaults to 0: any free port (see the returned `port`). */
  port?: number;
  /** Defaults to 127.0.0.1, so the bridge is not exposed beyond this machine by accident. */
  host?: string;
  /** Where connection trouble and unexpected errors are reported; defaults to console.error. */
  log?: (message: string) => void;
  /** Largest accepted request body; defaults to 10 MiB. */
  maxBodyBytes?: number;
  /** How long startup waits for Redis before serving anyway (503s until it connects); default 3000. */
  redisConnectWaitMs?: number;
}

export interface RedisBridge {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Every body the bridge sends: one result or error, or one per command of a pipeline/transaction. */
type ResponseBody = ResultBody | ResultBody[];

function sameToken(given: string, expected: string): boolean {
  // Compare digests so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function givenToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  return match?.[1] ?? url.searchParams.get('_token') ?? undefined;
}

function send(res: ServerResponse, status: number, body: ResponseBody): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function dispatch(backend: Backend, req: IncomingMessage, url: URL, body: string, base64: boolean): Promise<[number, ResponseBody]> {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (req.method === 'POST' && path === '/pipeline') {
    const outcomes = await backend.pipeline(toCommandList(parseJson(body)));
    return [200, outcomes.map((outcome) => outcomeBody(outcome, base64))];
  }
  if (req.method === 'POST' && path === '/multi-exec') {
    const result = await backend.transaction(toCommandList(parseJson(body)));
    if (result.aborted) return [400, { error: result.error }];
    return [200, result.outcomes.map((outcome) => outcomeBody(outcome, base64))];
  }
  if (path === '/' && req.method === 'GET') return [200, { result: encodeReply('Redis bridge is running', base64) }];
  const cmd = path === '/' ? toCommand(parseJson(body)) : commandFromPath(path, body);
  const outcome = await backend.command(cmd);
  return [outcome.ok ? 200 : 400, outcomeBody(outcome, base64)];
}

export async function createRedisBridge(options: RedisBridgeOptions): Promise<RedisBridge> {
  if (!options.token) throw new Error('createRedisBridge: a non-empty token is required');
  const log = options.log ?? ((message: string) => console.error(message));
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const backend = options.redisUrl ? await createRedisBackend(options.redisUrl, { log, connectWaitMs: options.redisConnectWaitMs }) : createMemoryBackend();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://bridge.local');
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('Allow', 'GET, POST');
      return send(res, 405, { error: 'ERR method not allowed' });
    }
    const token = givenToken(req, url);
    if (token === undefined || !sameToken(token, options.token)) return send(res, 401, { error: 'Unauthorized' });
    const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    try {
      const body = await readBody(req, maxBodyBytes);
      const [status, payload] = await dispatch(backend, req, url, body, base64);
      send(res, status, payload);
    } catch (error) {
      if (error instanceof BadRequestError) return send(res, error.status, { error: error.message });
      if (error instanceof BackendUnavailableError) return send(res, 503, { error: `ERR ${error.message}` });
      if (req.destroyed && !req.complete) return; // the caller hung up mid-body: nobody to answer
      log(`redis-bridge: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      send(res, 500, { error: 'ERR internal redis bridge error' });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Only reachable if writing the response itself failed (client gone): nothing left to answer.
      log(`redis-bridge: failed to answer a request: ${String(error)}`);
      res.destroy();
    });
  });
  // A client that drops mid-request must not take the bridge down with it.
  server.on('clientError', (_error, socket) => socket.destroy());

  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await backend.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  // Clients cannot dial a wildcard address; point them at loopback instead.
  const dialHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${dialHost}:${port}`,
    port,
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections(); // keep-alive sockets from fetch would otherwise hold close() open
        const force = setTimeout(() => server.closeAllConnections(), 2000);
        await closed;
        clearTimeout(force);
        await backend.close();
      })();
      return closing;
    },
  };
}
