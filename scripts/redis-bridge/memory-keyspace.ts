import { WRONGTYPE, fail } from './memory-errors';

/**
 * The in-memory keyspace: typed values, expiry with lazy deletion, and a creation sequence number
 * per key that gives SCAN stable cursors (a key that exists for the whole scan is never skipped,
 * whatever is deleted meanwhile).
 */
export type Value =
  | { type: 'string'; data: string }
  | { type: 'hash'; data: Map<string, string> }
  | { type: 'list'; data: string[] }
  | { type: 'set'; data: Set<string> }
  | { type: 'zset'; data: Map<string, number> };

export type ValueType = Value['type'];
type ValueOf<T extends ValueType> = Extract<Value, { type: T }>;

interface Slot {
  value: Value;
  seq: number;
  /** Absolute expiry in epoch milliseconds; undefined means persistent. */
  expiresAt?: number;
}

export class Keyspace {
  private readonly slots = new Map<string, Slot>();
  private nextSeq = 1;

  /** Injected so tests can move time without sleeping; defaults to the wall clock. */
  constructor(private readonly now: () => number = Date.now) {}

  /** The live slot for a key, deleting it first if it has expired (lazy expiry, as in Redis). */
  private slot(key: string): Slot | undefined {
    const slot = this.slots.get(key);
    if (slot?.expiresAt !== undefined && slot.expiresAt <= this.now()) {
      this.slots.delete(key);
      return undefined;
    }
    return slot;
  }

  get(key: string): Value | undefined {
    return this.slot(key)?.value;
  }

  /** The value if it has the wanted type, undefined if missing; any other type is WRONGTYPE. */
  getTyped<T extends ValueType>(key: string, type: T): ValueOf<T> | undefined {
    const value = this.get(key);
    if (value === undefined) return undefined;
    if (value.type !== type) fail(WRONGTYPE);
    return value as ValueOf<T>;
  }

  /** Like getTyped, but creates an empty value of that type when the key is missing. */
  getOrCreate<T extends ValueType>(key: string, type: T, create: () => ValueOf<T>): ValueOf<T> {
    const existing = this.getTyped(key, type);
    if (existing) return existing;
    const created = create();
    this.set(key, created);
    return created;
  }

  /** Stores a value. Like Redis SET, this drops any TTL unless keepTtl is given. */
  set(key: string, value: Value, keepTtl = false): void {
    const slot = this.slot(key);
    if (slot) {
      slot.value = value;
      if (!keepTtl) slot.expiresAt = undefined;
      return;
    }
    this.slots.set(key, { value, seq: this.nextSeq++ });
  }

  delete(key: string): boolean {
    return this.slot(key) !== undefined && this.slots.delete(key);
  }

  /** Redis deletes a collection key as soon as it becomes empty; commands call this after removing. */
  deleteIfEmpty(key: string, size: number): void {
    if (size === 0) this.slots.delete(key);
  }

  exists(key: string): boolean {
    return this.slot(key) !== undefined;
  }

  /** Remaining time to live in ms: -2 when the key is missing, -1 when it has no expiry. */
  pttl(key: string): number {
    const slot = this.slot(key);
    if (!slot) return -2;
    if (slot.expiresAt === undefined) return -1;
    return Math.max(0, slot.expiresAt - this.now());
  }

  expiresAt(key: string): number | undefined {
    return this.slot(key)?.expiresAt;
  }

  /** Sets an absolute expiry; a time in the past deletes the key, as Redis does. */
  expireAt(key: string, at: number): boolean {
    const slot = this.slot(key);
    if (!slot) return false;
    if (at <= this.now()) this.slots.delete(key);
    else slot.expiresAt = at;
    return true;
  }

  persist(key: string): boolean {
    const slot = this.slot(key);
    if (!slot || slot.expiresAt === undefined) return false;
    slot.expiresAt = undefined;
    return true;
  }

  nowMs(): number {
    return this.now();
  }

  /** Drops every expired key; used before whole-keyspace reads so they never list dead keys. */
  private purgeExpired(): void {
    for (const key of [...this.slots.keys()]) this.slot(key);
  }

  keys(): string[] {
    this.purgeExpired();
    return [...this.slots.keys()];
  }

  size(): number {
    this.purgeExpired();
    return this.slots.size;
  }

  clear(): void {
    this.slots.clear();
  }

  /**
   * One SCAN step: examines up to `count` live keys created at or after sequence `cursor` (Map
   * iteration order is creation order, and a recreated key gets a new number), and returns the
   * sequence to resume from, or 0 when the keyspace is exhausted.
   */
  scanStep(cursor: number, count: number): { next: number; keys: Array<{ key: string; value: Value }> } {
    this.purgeExpired();
    const keys: Array<{ key: string; value: Value }> = [];
    for (const [key, slot] of this.slots) {
      if (slot.seq < cursor) continue;
      if (keys.length >= count) return { next: slot.seq, keys };
      keys.push({ key, value: slot.value });
    }
    return { next: 0, keys };
  }
}
