import type { CommandTable } from './memory-commands';
import type { Keyspace } from './memory-keyspace';

/** Set commands of the in-memory store. SMEMBERS order is unspecified in Redis too. */

function readSet(ks: Keyspace, key: string): Set<string> | undefined {
  return ks.getTyped(key, 'set')?.data;
}

export const setCommands: CommandTable = {
  SADD: {
    arity: -3,
    run: (ks, [key, ...members]) => {
      const set = ks.getOrCreate(key, 'set', () => ({ type: 'set', data: new Set() })).data;
      const before = set.size;
      for (const member of members) set.add(member);
      return set.size - before;
    },
  },
  SREM: {
    arity: -3,
    run: (ks, [key, ...members]) => {
      const set = readSet(ks, key);
      if (!set) return 0;
      const removed = members.filter((member) => set.delete(member)).length;
      ks.deleteIfEmpty(key, set.size);
      return removed;
    },
  },
  SMEMBERS: { arity: 2, run: (ks, [key]) => [...(readSet(ks, key) ?? [])] },
  SISMEMBER: { arity: 3, run: (ks, [key, member]) => (readSet(ks, key)?.has(member) ? 1 : 0) },
  SCARD: { arity: 2, run: (ks, [key]) => readSet(ks, key)?.size ?? 0 },
};
