/**
 * The contract between the HTTP layer and a storage back-end (real Redis or the in-memory store).
 *
 * Replies are plain JSON-able values shaped like RESP2 replies as node-redis returns them from
 * `sendCommand`: bulk/simple strings are strings, integers are numbers, nil is null, and arrays
 * nest. That is also exactly what Upstash puts in `{"result": ...}`.
 */
export type Reply = string | number | null | Reply[];

/** Per-command outcome: pipelines and transactions report errors per slot instead of failing. */
export type Outcome = { ok: true; value: Reply } | { ok: false; error: string };

/** A transaction either runs (one outcome per command) or is refused as a whole (EXECABORT). */
export type TransactionResult = { aborted: false; outcomes: Outcome[] } | { aborted: true; error: string };

/** A command as received over HTTP: the name first, arguments already stringified. */
export type Command = readonly string[];

export interface Backend {
  /** Runs one command. Redis error replies come back as `{ ok: false }`; a throw means infrastructure trouble. */
  command(cmd: Command): Promise<Outcome>;
  /** Runs commands in order, not atomically (as Upstash's /pipeline). */
  pipeline(cmds: readonly Command[]): Promise<Outcome[]>;
  /** Runs commands atomically (MULTI/EXEC semantics, as Upstash's /multi-exec). */
  transaction(cmds: readonly Command[]): Promise<TransactionResult>;
  close(): Promise<void>;
}

/**
 * Thrown by a back-end when the store itself cannot be reached (Redis down, reconnecting). The
 * HTTP layer turns it into a 503 so callers see "try again" rather than a Redis error reply.
 */
export class BackendUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackendUnavailableError';
  }
}

export const EXECABORT = 'EXECABORT Transaction discarded because of previous errors.';

/**
 * Commands that change or depend on per-connection state. Forwarded over a shared connection they
 * would leak into other requests (SELECT, an open MULTI) or hijack it (SUBSCRIBE, MONITOR), so both
 * back-ends refuse them; transactions go through /multi-exec instead.
 */
const CONNECTION_STATE_COMMANDS = new Set([
  'AUTH', 'HELLO', 'SELECT', 'MULTI', 'EXEC', 'DISCARD', 'WATCH', 'UNWATCH', 'SUBSCRIBE', 'PSUBSCRIBE',
  'SSUBSCRIBE', 'UNSUBSCRIBE', 'PUNSUBSCRIBE', 'SUNSUBSCRIBE', 'MONITOR', 'QUIT', 'RESET', 'SYNC', 'PSYNC',
  'CLIENT', 'SHUTDOWN', 'DEBUG',
]);

/** The error text for a refused connection-state command, or undefined when the command may run. */
export function refusedCommandError(cmd: Command): string | undefined {
  const name = cmd[0]?.toUpperCase() ?? '';
  if (!CONNECTION_STATE_COMMANDS.has(name)) return undefined;
  return `ERR command '${cmd[0]}' is not supported by the redis bridge`;
}
