import type { Reply } from './backend';
import type { CommandTable } from './memory-commands';
import type { Keyspace } from './memory-keyspace';
import { SYNTAX, fail, formatDouble, parseFloat64, parseInteger } from './memory-errors';
import { indexRange } from './memory-lists';

/**
 * Sorted-set commands of the in-memory store. Members live in a Map (member -> score) and are
 * sorted on read: O(n log n) per ZRANGE, which is fine for dev and CI data sizes.
 */

const NAN_SCORE = 'ERR resulting score is not a number (NaN)';

function readZset(ks: Keyspace, key: string): Map<string, number> | undefined {
  return ks.getTyped(key, 'zset')?.data;
}

/** Redis orders equal scores by member bytes (memcmp), which is not JS's UTF-16 order. */
function compareMembers(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function sortedEntries(zset: Map<string, number>): Array<[string, number]> {
  return [...zset].sort(([ma, sa], [mb, sb]) => (sa === sb ? compareMembers(ma, mb) : sa - sb));
}

interface ZaddFlags {
  nx: boolean;
  xx: boolean;
  gt: boolean;
  lt: boolean;
  ch: boolean;
  incr: boolean;
}

function zadd(ks: Keyspace, [key, ...rest]: string[]): Reply {
  const flags: ZaddFlags = { nx: false, xx: false, gt: false, lt: false, ch: false, incr: false };
  let i = 0;
  for (; i < rest.length; i++) {
    const flag = rest[i].toLowerCase();
    if (!(flag in flags)) break;
    flags[flag as keyof ZaddFlags] = true;
  }
  const pairs = rest.slice(i);
  if (pairs.length === 0 || pairs.length % 2 !== 0) fail(SYNTAX);
  if (flags.nx && flags.xx) fail('ERR XX and NX options at the same time are not compatible');
  if ((flags.gt && flags.nx) || (flags.lt && flags.nx) || (flags.gt && flags.lt)) {
    fail('ERR GT, LT, and/or NX options at the same time are not compatible');
  }
  if (flags.incr && pairs.length > 2) fail('ERR INCR option supports a single increment-element pair');
  const scores = pairs.filter((_, j) => j % 2 === 0).map((raw) => parseFloat64(raw));

  const existing = readZset(ks, key);
  if (!existing && flags.xx) return flags.incr ? null : 0;
  const zset = existing ?? ks.getOrCreate(key, 'zset', () => ({ type: 'zset', data: new Map() })).data;
  let added = 0;
  let updated = 0;
  let incrResult: number | null = null;
  for (let p = 0; p < scores.length; p++) {
    const member = pairs[p * 2 + 1];
    const current = zset.get(member);
    if (current === undefined) {
      if (flags.xx) continue;
      if (Number.isNaN(scores[p])) fail(NAN_SCORE);
      zset.set(member, scores[p]);
      added++;
      incrResult = scores[p];
      continue;
    }
    if (flags.nx) continue;
    const next = flags.incr ? current + scores[p] : scores[p];
    if (Number.isNaN(next)) fail(NAN_SCORE);
    if ((flags.gt && next <= current) || (flags.lt && next >= current)) continue;
    if (next !== current) updated++;
    zset.set(member, next);
    incrResult = next;
  }
  ks.deleteIfEmpty(key, zset.size);
  if (flags.incr) return incrResult === null ? null : formatDouble(incrResult);
  return flags.ch ? added + updated : added;
}

type Bound = { value: number; exclusive: boolean };
type LexBound = { kind: 'min' | 'max' } | { kind: 'value'; value: string; exclusive: boolean };

function parseScoreBound(raw: string): Bound {
  const exclusive = raw.startsWith('(');
  return { value: parseFloat64(exclusive ? raw.slice(1) : raw, 'ERR min or max is not a float'), exclusive };
}

function parseLexBound(raw: string): LexBound {
  if (raw === '-') return { kind: 'min' };
  if (raw === '+') return { kind: 'max' };
  if (raw.startsWith('[') || raw.startsWith('(')) return { kind: 'value', value: raw.slice(1), exclusive: raw[0] === '(' };
  return fail('ERR min or max not valid string range item');
}

function aboveMin(member: string, bound: LexBound): boolean {
  if (bound.kind !== 'value') return bound.kind === 'min';
  const cmp = compareMembers(member, bound.value);
  return bound.exclusive ? cmp > 0 : cmp >= 0;
}

function belowMax(member: string, bound: LexBound): boolean {
  if (bound.kind !== 'value') return bound.kind === 'max';
  const cmp = compareMembers(member, bound.value);
  return bound.exclusive ? cmp < 0 : cmp <= 0;
}

/** ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES] (Redis 6.2+ form). */
function zrange(ks: Keyspace, [key, rawStart, rawStop, ...options]: string[]): Reply {
  let mode: 'index' | 'score' | 'lex' = 'index';
  let rev = false;
  let withScores = false;
  let limit: { offset: number; count: number } | undefined;
  for (let i = 0; i < options.length; i++) {
    const option = options[i].toUpperCase();
    if (option === 'WITHSCORES') withScores = true;
    else if (option === 'REV') rev = true;
    else if (option === 'BYSCORE') mode = 'score';
    else if (option === 'BYLEX') mode = 'lex';
    else if (option === 'LIMIT' && i + 2 < options.length) {
      limit = { offset: parseInteger(options[i + 1]), count: parseInteger(options[i + 2]) };
      i += 2;
    } else fail(SYNTAX);
  }
  if (limit && mode === 'index') fail('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX');
  if (withScores && mode === 'lex') fail('ERR syntax error, WITHSCORES not supported in combination with BYLEX');

  // With REV, the by-score and by-lex forms take the range as max then min.
  const [rawMin, rawMax] = rev && mode !== 'index' ? [rawStop, rawStart] : [rawStart, rawStop];
  let selected: Array<[string, number]>;
  if (mode === 'index') {
    const start = parseInteger(rawStart);
    const stop = parseInteger(rawStop);
    const entries = sortedEntries(readZset(ks, key) ?? new Map());
    if (rev) entries.reverse();
    const [from, to] = indexRange(entries.length, start, stop);
    selected = entries.slice(from, to);
  } else {
    let inRange: (entry: [string, number]) => boolean;
    if (mode === 'score') {
      const min = parseScoreBound(rawMin);
      const max = parseScoreBound(rawMax);
      inRange = ([, s]) => (min.exclusive ? s > min.value : s >= min.value) && (max.exclusive ? s < max.value : s <= max.value);
    } else {
      const min = parseLexBound(rawMin);
      const max = parseLexBound(rawMax);
      inRange = ([m]) => aboveMin(m, min) && belowMax(m, max);
    }
    const entries = sortedEntries(readZset(ks, key) ?? new Map()).filter(inRange);
    if (rev) entries.reverse();
    const offset = limit?.offset ?? 0;
    const count = limit && limit.count >= 0 ? limit.count : Infinity;
    selected = offset < 0 ? [] : entries.slice(offset, offset + count);
  }
  return withScores ? selected.flatMap(([m, s]) => [m, formatDouble(s)]) : selected.map(([m]) => m);
}

export const zsetCommands: CommandTable = {
  ZADD: { arity: -4, run: zadd },
  ZRANGE: { arity: -4, run: zrange },
  ZCARD: { arity: 2, run: (ks, [key]) => readZset(ks, key)?.size ?? 0 },
  ZSCORE: {
    arity: 3,
    run: (ks, [key, member]) => {
      const score = readZset(ks, key)?.get(member);
      return score === undefined ? null : formatDouble(score);
    },
  },
  ZREM: {
    arity: -3,
    run: (ks, [key, ...members]) => {
      const zset = readZset(ks, key);
      if (!zset) return 0;
      const removed = members.filter((member) => zset.delete(member)).length;
      ks.deleteIfEmpty(key, zset.size);
      return removed;
    },
  },
  ZINCRBY: {
    arity: 4,
    run: (ks, [key, rawDelta, member]) => {
      const delta = parseFloat64(rawDelta);
      const zset = ks.getOrCreate(key, 'zset', () => ({ type: 'zset', data: new Map() })).data;
      const next = (zset.get(member) ?? 0) + delta;
      if (Number.isNaN(next)) {
        ks.deleteIfEmpty(key, zset.size);
        fail(NAN_SCORE);
      }
      zset.set(member, next);
      return formatDouble(next);
    },
  },
};
