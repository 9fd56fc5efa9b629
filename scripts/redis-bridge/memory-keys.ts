import type { Reply } from './backend';
import type { CommandTable } from './memory-commands';
import type { Keyspace } from './memory-keyspace';
import { SYNTAX, fail, parseBigInt, parseInteger, wrongArity } from './memory-errors';
import { globMatch } from './glob';

/** Key-space and server commands of the in-memory store (DEL, EXPIRE, SCAN, PING...). */

const INT64_MAX = 2n ** 63n - 1n;

/**
 * EXPIRE / PEXPIRE / EXPIREAT / PEXPIREAT with Redis 7's NX|XX|GT|LT. Options are validated before
 * the key is looked up, and a persistent key counts as an infinite TTL for GT/LT, as in Redis.
 */
function expireGeneric(ks: Keyspace, args: string[], name: string, unitMs: bigint, relative: boolean): number {
  const [key, rawWhen, ...rawOptions] = args;
  let when = parseBigInt(rawWhen);
  const invalid = `ERR invalid expire time in '${name.toLowerCase()}' command`;
  when *= unitMs;
  if (relative) when += BigInt(ks.nowMs());
  if (when > INT64_MAX || when < -INT64_MAX) fail(invalid);

  const flags = new Set<string>();
  for (const raw of rawOptions) {
    const option = raw.toUpperCase();
    if (!['NX', 'XX', 'GT', 'LT'].includes(option)) fail(`ERR Unsupported option ${raw}`);
    flags.add(option);
  }
  if (flags.has('NX') && (flags.has('XX') || flags.has('GT') || flags.has('LT'))) {
    fail('ERR NX and XX, GT or LT options at the same time are not compatible');
  }
  if (flags.has('GT') && flags.has('LT')) fail('ERR GT and LT options at the same time are not compatible');

  if (!ks.exists(key)) return 0;
  const current = ks.expiresAt(key);
  const target = Number(when);
  if (flags.has('NX') && current !== undefined) return 0;
  if (flags.has('XX') && current === undefined) return 0;
  if (flags.has('GT') && (current === undefined || target <= current)) return 0;
  if (flags.has('LT') && current !== undefined && target >= current) return 0;
  ks.expireAt(key, target);
  return 1;
}

function scan(ks: Keyspace, args: string[]): Reply {
  const [rawCursor, ...options] = args;
  if (!/^\d+$/.test(rawCursor)) fail('ERR invalid cursor');
  let pattern: string | undefined;
  let count = 10;
  let type: string | undefined;
  for (let i = 0; i < options.length; i++) {
    const option = options[i].toUpperCase();
    const value = options[i + 1];
    if (value === undefined) fail(SYNTAX);
    if (option === 'MATCH') pattern = value;
    else if (option === 'COUNT') {
      count = parseInteger(value);
      if (count < 1) fail(SYNTAX);
    } else if (option === 'TYPE') type = value.toLowerCase();
    else fail(SYNTAX);
    i++;
  }
  // Cursors beyond what we ever handed out simply start past the end, like a stale Redis cursor.
  const cursor = Number(rawCursor);
  const step = ks.scanStep(Number.isSafeInteger(cursor) ? cursor : Number.MAX_SAFE_INTEGER, count);
  const keys = step.keys
    .filter(({ key, value }) => (pattern === undefined || globMatch(pattern, key)) && (type === undefined || value.type === type))
    .map(({ key }) => key);
  return [String(step.next), keys];
}

export const keyCommands: CommandTable = {
  DEL: { arity: -2, run: (ks, keys) => keys.filter((key) => ks.delete(key)).length },
  UNLINK: { arity: -2, run: (ks, keys) => keys.filter((key) => ks.delete(key)).length },
  // Counts repeated keys each time, as Redis does.
  EXISTS: { arity: -2, run: (ks, keys) => keys.filter((key) => ks.exists(key)).length },
  TYPE: { arity: 2, run: (ks, [key]) => ks.get(key)?.type ?? 'none' },
  EXPIRE: { arity: -3, run: (ks, args) => expireGeneric(ks, args, 'expire', 1000n, true) },
  PEXPIRE: { arity: -3, run: (ks, args) => expireGeneric(ks, args, 'pexpire', 1n, true) },
  EXPIREAT: { arity: -3, run: (ks, args) => expireGeneric(ks, args, 'expireat', 1000n, false) },
  PEXPIREAT: { arity: -3, run: (ks, args) => expireGeneric(ks, args, 'pexpireat', 1n, false) },
  // TTL rounds to the nearest second like Redis ((ms + 500) / 1000).
  TTL: { arity: 2, run: (ks, [key]) => { const ms = ks.pttl(key); return ms < 0 ? ms : Math.floor((ms + 500) / 1000); } },
  PTTL: { arity: 2, run: (ks, [key]) => ks.pttl(key) },
  PERSIST: { arity: 2, run: (ks, [key]) => (ks.persist(key) ? 1 : 0) },
  KEYS: { arity: 2, run: (ks, [pattern]) => ks.keys().filter((key) => globMatch(pattern, key)) },
  SCAN: { arity: -2, run: scan },
  DBSIZE: { arity: 1, run: (ks) => ks.size() },
  FLUSHDB: { arity: -1, run: flush },
  FLUSHALL: { arity: -1, run: flush },
  PING: {
    arity: -1,
    run: (_ks, args) => {
      if (args.length > 1) throw wrongArity('ping');
      return args.length === 1 ? args[0] : 'PONG';
    },
  },
  ECHO: { arity: 2, run: (_ks, [message]) => message },
};

function flush(ks: Keyspace, args: string[]): Reply {
  if (args.length > 1 || (args.length === 1 && !['ASYNC', 'SYNC'].includes(args[0].toUpperCase()))) fail(SYNTAX);
  ks.clear();
  return 'OK';
}
