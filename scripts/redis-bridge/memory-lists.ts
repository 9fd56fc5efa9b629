import type { Reply } from './backend';
import type { CommandTable } from './memory-commands';
import type { Keyspace } from './memory-keyspace';
import { MUST_BE_POSITIVE, SYNTAX, fail, parseInteger, wrongArity } from './memory-errors';

/** List commands of the in-memory store (a plain array: fine for dev-sized lists). */

function readList(ks: Keyspace, key: string): string[] | undefined {
  return ks.getTyped(key, 'list')?.data;
}

function push(ks: Keyspace, args: string[], left: boolean, onlyIfExists: boolean): number {
  const [key, ...values] = args;
  const existing = readList(ks, key);
  if (!existing && onlyIfExists) return 0;
  const list = existing ?? ks.getOrCreate(key, 'list', () => ({ type: 'list', data: [] })).data;
  // LPUSH a b c leaves c at the head: each value is pushed in turn.
  for (const value of values) {
    if (left) list.unshift(value);
    else list.push(value);
  }
  return list.length;
}

/** LPOP/RPOP: without a count a single element (or nil); with one an array (nil if the key is missing). */
function pop(ks: Keyspace, args: string[], left: boolean, name: string): Reply {
  if (args.length > 2) throw wrongArity(name);
  const [key, rawCount] = args;
  const count = rawCount === undefined ? undefined : parseInteger(rawCount, MUST_BE_POSITIVE);
  if (count !== undefined && count < 0) fail(MUST_BE_POSITIVE);
  const list = readList(ks, key);
  if (!list) return null;
  const taken = left ? list.splice(0, count ?? 1) : list.splice(Math.max(0, list.length - (count ?? 1))).reverse();
  ks.deleteIfEmpty(key, list.length);
  return count === undefined ? taken[0] : taken;
}

/** Converts Redis start/stop indexes (negative from the end, inclusive) to a clamped [from, to). */
export function indexRange(length: number, start: number, stop: number): [number, number] {
  if (start < 0) start = Math.max(0, length + start);
  if (stop < 0) stop = length + stop;
  if (stop >= length) stop = length - 1;
  return start > stop ? [0, 0] : [start, stop + 1];
}

function side(raw: string): 'LEFT' | 'RIGHT' {
  const value = raw.toUpperCase();
  if (value !== 'LEFT' && value !== 'RIGHT') fail(SYNTAX);
  return value;
}

function lmove(ks: Keyspace, [source, destination, rawFrom, rawTo]: string[]): Reply {
  const from = side(rawFrom);
  const to = side(rawTo);
  const list = readList(ks, source);
  if (!list) return null;
  // Look the destination up before popping: WRONGTYPE must fail before anything moves, and when
  // source and destination are one list this is that same array, so a rotation keeps its TTL.
  const target = readList(ks, destination);
  const value = from === 'LEFT' ? list.shift() : list.pop();
  if (value === undefined) return null;
  if (target) {
    if (to === 'LEFT') target.unshift(value);
    else target.push(value);
  } else {
    ks.set(destination, { type: 'list', data: [value] });
  }
  ks.deleteIfEmpty(source, list.length);
  return value;
}

function lrem(ks: Keyspace, [key, rawCount, element]: string[]): number {
  const count = parseInteger(rawCount);
  const list = readList(ks, key);
  if (!list) return 0;
  let removed = 0;
  const limit = count === 0 ? Infinity : Math.abs(count);
  if (count >= 0) {
    for (let i = 0; i < list.length && removed < limit; ) {
      if (list[i] === element) {
        list.splice(i, 1);
        removed++;
      } else i++;
    }
  } else {
    for (let i = list.length - 1; i >= 0 && removed < limit; i--) {
      if (list[i] === element) {
        list.splice(i, 1);
        removed++;
      }
    }
  }
  ks.deleteIfEmpty(key, list.length);
  return removed;
}

export const listCommands: CommandTable = {
  LPUSH: { arity: -3, run: (ks, args) => push(ks, args, true, false) },
  RPUSH: { arity: -3, run: (ks, args) => push(ks, args, false, false) },
  LPUSHX: { arity: -3, run: (ks, args) => push(ks, args, true, true) },
  RPUSHX: { arity: -3, run: (ks, args) => push(ks, args, false, true) },
  LPOP: { arity: -2, run: (ks, args) => pop(ks, args, true, 'lpop') },
  RPOP: { arity: -2, run: (ks, args) => pop(ks, args, false, 'rpop') },
  LLEN: { arity: 2, run: (ks, [key]) => readList(ks, key)?.length ?? 0 },
  LINDEX: {
    arity: 3,
    run: (ks, [key, rawIndex]) => {
      const index = parseInteger(rawIndex);
      const list = readList(ks, key);
      if (!list) return null;
      return list[index < 0 ? list.length + index : index] ?? null;
    },
  },
  LRANGE: {
    arity: 4,
    run: (ks, [key, rawStart, rawStop]) => {
      // Redis parses the indexes before looking at the key, so NOT_INTEGER wins over WRONGTYPE.
      const start = parseInteger(rawStart);
      const stop = parseInteger(rawStop);
      const list = readList(ks, key) ?? [];
      const [from, to] = indexRange(list.length, start, stop);
      return list.slice(from, to);
    },
  },
  LTRIM: {
    arity: 4,
    run: (ks, [key, rawStart, rawStop]) => {
      const start = parseInteger(rawStart);
      const stop = parseInteger(rawStop);
      const list = readList(ks, key);
      if (!list) return 'OK';
      const [from, to] = indexRange(list.length, start, stop);
      const kept = list.slice(from, to);
      list.splice(0, list.length, ...kept);
      ks.deleteIfEmpty(key, list.length);
      return 'OK';
    },
  },
  LMOVE: { arity: 5, run: lmove },
  LREM: { arity: 4, run: lrem },
};
