import type { CommandTable } from './memory-commands';
import type { Keyspace } from './memory-keyspace';
import { SYNTAX, addInt64, fail, parseBigInt, wrongArity } from './memory-errors';

/** String commands of the in-memory store. Lengths are in bytes (UTF-8), as Redis counts them. */

function getString(ks: Keyspace, key: string): string | null {
  return ks.getTyped(key, 'string')?.data ?? null;
}

/** INCR and friends: the stored value must itself be a 64-bit integer; the TTL is kept. */
function incrementBy(ks: Keyspace, key: string, delta: bigint): number {
  const current = getString(ks, key);
  const next = addInt64(current === null ? 0n : parseBigInt(current), delta);
  ks.set(key, { type: 'string', data: next.toString() }, true);
  return Number(next);
}

/** Parses a relative (EX/PX) or absolute (EXAT/PXAT) expiry into epoch ms, with Redis' checks. */
function expiryFromOption(ks: Keyspace, option: string, raw: string, command: string): number {
  const amount = parseBigInt(raw);
  const invalid = `ERR invalid expire time in '${command}' command`;
  if (amount <= 0n) fail(invalid);
  const ms = option === 'EX' || option === 'EXAT' ? amount * 1000n : amount;
  const at = option === 'EX' || option === 'PX' ? ms + BigInt(ks.nowMs()) : ms;
  if (at > 2n ** 63n - 1n) fail(invalid);
  return Number(at);
}

interface SetOptions {
  condition?: 'NX' | 'XX';
  get: boolean;
  keepTtl: boolean;
  expiry?: { option: string; raw: string };
}

/** Like Redis, repeating an option is fine; combining conflicting ones is a syntax error. */
function parseSetOptions(args: string[]): SetOptions {
  const options: SetOptions = { get: false, keepTtl: false };
  for (let i = 2; i < args.length; i++) {
    const option = args[i].toUpperCase();
    if ((option === 'NX' || option === 'XX') && (options.condition ?? option) === option) {
      options.condition = option;
    } else if (option === 'GET') {
      options.get = true;
    } else if (option === 'KEEPTTL' && !options.expiry) {
      options.keepTtl = true;
    } else if (
      ['EX', 'PX', 'EXAT', 'PXAT'].includes(option) &&
      (options.expiry?.option ?? option) === option &&
      !options.keepTtl &&
      i + 1 < args.length
    ) {
      options.expiry = { option, raw: args[++i] };
    } else {
      fail(SYNTAX);
    }
  }
  return options;
}

function set(ks: Keyspace, args: string[]): string | null {
  const [key, value] = args;
  const options = parseSetOptions(args);
  const expiresAt = options.expiry ? expiryFromOption(ks, options.expiry.option, options.expiry.raw, 'set') : undefined;
  const previous = options.get ? getString(ks, key) : null; // WRONGTYPE before anything changes
  const exists = ks.exists(key);
  if ((options.condition === 'NX' && exists) || (options.condition === 'XX' && !exists)) {
    return options.get ? previous : null;
  }
  ks.set(key, { type: 'string', data: value }, options.keepTtl);
  if (expiresAt !== undefined) ks.expireAt(key, expiresAt);
  return options.get ? previous : 'OK';
}

export const stringCommands: CommandTable = {
  GET: { arity: 2, run: (ks, [key]) => getString(ks, key) },
  SET: { arity: -3, run: set },
  SETNX: {
    arity: 3,
    run: (ks, [key, value]) => {
      if (ks.exists(key)) return 0;
      ks.set(key, { type: 'string', data: value });
      return 1;
    },
  },
  SETEX: {
    arity: 4,
    run: (ks, [key, seconds, value]) => {
      const at = expiryFromOption(ks, 'EX', seconds, 'setex');
      ks.set(key, { type: 'string', data: value });
      ks.expireAt(key, at);
      return 'OK';
    },
  },
  GETDEL: {
    arity: 2,
    run: (ks, [key]) => {
      const value = getString(ks, key);
      if (value !== null) ks.delete(key);
      return value;
    },
  },
  GETSET: {
    arity: 3,
    run: (ks, [key, value]) => {
      const previous = getString(ks, key);
      ks.set(key, { type: 'string', data: value });
      return previous;
    },
  },
  // MGET never fails on other types: those keys simply read as nil.
  MGET: { arity: -2, run: (ks, keys) => keys.map((key) => { const v = ks.get(key); return v?.type === 'string' ? v.data : null; }) },
  MSET: {
    arity: -3,
    run: (ks, args) => {
      if (args.length % 2 !== 0) throw wrongArity('mset');
      for (let i = 0; i < args.length; i += 2) ks.set(args[i], { type: 'string', data: args[i + 1] });
      return 'OK';
    },
  },
  APPEND: {
    arity: 3,
    run: (ks, [key, suffix]) => {
      const next = (getString(ks, key) ?? '') + suffix;
      ks.set(key, { type: 'string', data: next }, true);
      return Buffer.byteLength(next);
    },
  },
  STRLEN: { arity: 2, run: (ks, [key]) => Buffer.byteLength(getString(ks, key) ?? '') },
  INCR: { arity: 2, run: (ks, [key]) => incrementBy(ks, key, 1n) },
  DECR: { arity: 2, run: (ks, [key]) => incrementBy(ks, key, -1n) },
  INCRBY: { arity: 3, run: (ks, [key, delta]) => incrementBy(ks, key, parseBigInt(delta)) },
  DECRBY: {
    arity: 3,
    run: (ks, [key, delta]) => {
      const amount = parseBigInt(delta);
      if (amount === -(2n ** 63n)) fail('ERR decrement would overflow');
      return incrementBy(ks, key, -amount);
    },
  },
};
