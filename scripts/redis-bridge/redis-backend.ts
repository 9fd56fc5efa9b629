import { createClient, ErrorReply, MultiErrorReply } from 'redis';
import type { Backend, Command, Outcome, Reply, TransactionResult } from './backend';
import { BackendUnavailableError, EXECABORT, refusedCommandError } from './backend';

/**
 * Back-end that forwards every command to a real Redis with node-redis' `sendCommand`, so replies
 * are Redis' own (RESP2, raw: HGETALL stays a flat array, scores stay strings), exactly what the
 * Upstash REST API returns.
 */

/**
 * Commands that can park a connection. Sent over the shared connection they would stall every
 * other request, so a request containing one gets a short-lived connection of its own.
 */
const BLOCKING_COMMANDS = new Set(['BLPOP', 'BRPOP', 'BLMOVE', 'BRPOPLPUSH', 'BLMPOP', 'BZPOPMIN', 'BZPOPMAX', 'BZMPOP', 'WAIT', 'WAITAOF']);

function isBlocking(cmd: Command): boolean {
  const name = cmd[0].toUpperCase();
  if (BLOCKING_COMMANDS.has(name)) return true;
  return (name === 'XREAD' || name === 'XREADGROUP') && cmd.some((arg) => arg.toUpperCase() === 'BLOCK');
}

/** node-redis hands back strings, numbers, null and arrays in RESP2; normalise anything else defensively. */
function toReply(value: unknown): Reply {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (Array.isArray(value)) return value.map(toReply);
  return String(value);
}

function unavailable(error: unknown): BackendUnavailableError {
  const reason = error instanceof Error ? error.message : String(error);
  return new BackendUnavailableError(`Redis is unavailable: ${reason}`, { cause: error });
}

/** An error reply from Redis becomes an outcome; anything else means Redis could not be reached. */
function outcomeOfError(error: unknown): Outcome {
  if (error instanceof ErrorReply) return { ok: false, error: error.message };
  throw unavailable(error);
}

export interface RedisBackendOptions {
  /** How long creation waits for the first connection; the bridge starts (and reconnects) regardless. */
  connectWaitMs?: number;
  log?: (message: string) => void;
}

/** For log lines: never print a password from the Redis URL. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured Redis';
  }
}

export async function createRedisBackend(url: string, options: RedisBackendOptions = {}): Promise<Backend> {
  const log = options.log ?? ((message: string) => console.error(message));
  const where = redact(url);
  const client = createClient({
    url,
    // node-redis defaults to RESP3, whose maps and doubles are not what Upstash clients expect.
    RESP: 2,
    // Fail fast with a 503 while Redis is down instead of queueing requests until it returns.
    disableOfflineQueue: true,
    socket: { connectTimeout: 5000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000) },
  });
  type Client = typeof client;

  // Without an 'error' listener node-redis would crash the process on the first connection error.
  // Log once per outage, not once per reconnect attempt.
  let healthy = true;
  client.on('error', (error: Error) => {
    if (healthy) log(`redis-bridge: Redis at ${where} is unreachable (${error.message}); retrying in the background`);
    healthy = false;
  });
  client.on('ready', () => {
    if (!healthy) log(`redis-bridge: connected to Redis at ${where}`);
    healthy = true;
  });

  const connected = client.connect().then(
    () => true,
    () => false, // only when closed before ever connecting; errors were already logged
  );
  await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, options.connectWaitMs ?? 3000).unref())]);

  async function onConnection<T>(dedicated: boolean, run: (connection: Client) => Promise<T>): Promise<T> {
    if (!dedicated) return run(client);
    const connection = client.duplicate({ socket: { connectTimeout: 5000, reconnectStrategy: false } });
    connection.on('error', () => {}); // failures surface through the command promises
    try {
      await connection.connect();
    } catch (error) {
      throw unavailable(error);
    }
    try {
      return await run(connection);
    } finally {
      connection.destroy();
    }
  }

  async function send(connection: Client, cmd: Command): Promise<Outcome> {
    const refused = refusedCommandError(cmd);
    if (refused) return { ok: false, error: refused };
    try {
      return { ok: true, value: toReply(await connection.sendCommand([...cmd])) };
    } catch (error) {
      return outcomeOfError(error);
    }
  }

  async function transaction(cmds: readonly Command[]): Promise<TransactionResult> {
    if (cmds.some((cmd) => refusedCommandError(cmd))) return { aborted: true, error: EXECABORT };
    // multi() queues MULTI, the commands and EXEC as one chain on the socket, so commands of
    // concurrent requests sharing the connection cannot land inside this transaction.
    const multi = client.multi();
    for (const cmd of cmds) multi.addCommand([...cmd]);
    try {
      const replies: unknown[] = await multi.exec();
      return { aborted: false, outcomes: replies.map((value) => ({ ok: true, value: toReply(value) })) };
    } catch (error) {
      if (error instanceof MultiErrorReply) {
        const outcomes = error.replies.map((value: unknown): Outcome =>
          value instanceof ErrorReply ? { ok: false, error: value.message } : { ok: true, value: toReply(value) },
        );
        return { aborted: false, outcomes };
      }
      // A command refused at queue time rejects first; Redis then discards the whole transaction.
      if (error instanceof ErrorReply) return { aborted: true, error: error.message.startsWith('EXECABORT') ? error.message : EXECABORT };
      throw unavailable(error);
    }
  }

  return {
    command: (cmd) => onConnection(isBlocking(cmd), (connection) => send(connection, cmd)),
    // Commands are written in order on one connection, so replies line up with the request.
    pipeline: (cmds) => onConnection(cmds.some(isBlocking), (connection) => Promise.all(cmds.map((cmd) => send(connection, cmd)))),
    transaction,
    close: async () => {
      if (client.isReady) await client.close();
      else if (client.isOpen) client.destroy();
      await connected;
    },
  };
}
