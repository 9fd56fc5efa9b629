import type { CommandTable } from './memory-commands';
import type { Keyspace } from './memory-keyspace';
import { addInt64, parseBigInt, wrongArity } from './memory-errors';

/** Hash commands of the in-memory store. Field order is insertion order, as in a small Redis hash. */

function readHash(ks: Keyspace, key: string): Map<string, string> | undefined {
  return ks.getTyped(key, 'hash')?.data;
}

function writableHash(ks: Keyspace, key: string): Map<string, string> {
  return ks.getOrCreate(key, 'hash', () => ({ type: 'hash', data: new Map() })).data;
}

function setFields(ks: Keyspace, args: string[], name: string): number {
  if (args.length < 3 || args.length % 2 === 0) throw wrongArity(name);
  const hash = writableHash(ks, args[0]);
  let added = 0;
  for (let i = 1; i < args.length; i += 2) {
    if (!hash.has(args[i])) added++;
    hash.set(args[i], args[i + 1]);
  }
  return added;
}

export const hashCommands: CommandTable = {
  HSET: { arity: -4, run: (ks, args) => setFields(ks, args, 'hset') },
  HMSET: { arity: -4, run: (ks, args) => (setFields(ks, args, 'hmset'), 'OK') },
  HSETNX: {
    arity: 4,
    run: (ks, [key, field, value]) => {
      if (readHash(ks, key)?.has(field)) return 0;
      writableHash(ks, key).set(field, value);
      return 1;
    },
  },
  HGET: { arity: 3, run: (ks, [key, field]) => readHash(ks, key)?.get(field) ?? null },
  HMGET: {
    arity: -3,
    run: (ks, [key, ...fields]) => {
      const hash = readHash(ks, key);
      return fields.map((field) => hash?.get(field) ?? null);
    },
  },
  // RESP2 (what Upstash speaks) returns a flat [field, value, ...] array, not a map.
  HGETALL: { arity: 2, run: (ks, [key]) => [...(readHash(ks, key) ?? new Map<string, string>())].flat() },
  HKEYS: { arity: 2, run: (ks, [key]) => [...(readHash(ks, key)?.keys() ?? [])] },
  HVALS: { arity: 2, run: (ks, [key]) => [...(readHash(ks, key)?.values() ?? [])] },
  HLEN: { arity: 2, run: (ks, [key]) => readHash(ks, key)?.size ?? 0 },
  HEXISTS: { arity: 3, run: (ks, [key, field]) => (readHash(ks, key)?.has(field) ? 1 : 0) },
  HDEL: {
    arity: -3,
    run: (ks, [key, ...fields]) => {
      const hash = readHash(ks, key);
      if (!hash) return 0;
      const removed = fields.filter((field) => hash.delete(field)).length;
      ks.deleteIfEmpty(key, hash.size);
      return removed;
    },
  },
  HINCRBY: {
    arity: 4,
    run: (ks, [key, field, rawDelta]) => {
      const delta = parseBigInt(rawDelta);
      const hash = writableHash(ks, key);
      const current = hash.get(field);
      const next = addInt64(current === undefined ? 0n : parseBigInt(current, 'ERR hash value is not an integer'), delta);
      hash.set(field, next.toString());
      return Number(next);
    },
  },
};
