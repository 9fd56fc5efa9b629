import type { Redis } from '@upstash/redis';
import { trackingKeys } from './keys';

/**
 * Tracked links as the edge sees them: one Redis key per code, written when a link is created or
 * changed (lib/server/links.ts) and refilled by the Postgres fallback on a miss.
 *
 *   link:<code>  →  {"workspaceId":…,"linkId":…,"partnerId":…,"programId":…,"destination":…,"disabled":false,"windowDays":90}
 *                →  {"unknown":true}   (negative marker, short-lived, so random codes do not hit Postgres)
 *
 * In front of Redis sits a small per-isolate memory cache: fresh for FRESH_MS (a disabled link
 * stops redirecting within that), and, only when Redis fails, usable up to STALE_MS so hot links
 * keep redirecting through an outage without touching Postgres.
 */
export interface CachedLink {
  workspaceId: string;
  linkId: string;
  partnerId: string;
  programId: string;
  destination: string;
  disabled: boolean;
  /** longest attribution window of the workspace's programs: the visitor cookie's lifetime */
  windowDays: number;
}

export const LINK_TTL_SECONDS = 60 * 60; // bounds staleness if a cache write after a change failed
export const UNKNOWN_TTL_SECONDS = 60;
const FRESH_MS = 5_000;
const STALE_MS = 10 * 60_000;
const MEMORY_ENTRIES = 10_000;

const UNKNOWN_MARKER = '{"unknown":true}';

export type LinkLookup =
  | { kind: 'link'; link: CachedLink; stale?: { error: unknown } }
  | { kind: 'unknown'; stale?: { error: unknown } }
  | { kind: 'miss' }
  | { kind: 'unavailable'; error: unknown };

interface MemoryEntry {
  link: CachedLink | null;
  at: number;
}
const memory = new Map<string, MemoryEntry>();

function remember(code: string, link: CachedLink | null, now: number) {
  memory.delete(code); // re-insert: Map order is the eviction order
  memory.set(code, { link, at: now });
  if (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value!);
}

const fromMemory = (entry: MemoryEntry, stale?: { error: unknown }): LinkLookup =>
  entry.link ? { kind: 'link', link: entry.link, ...(stale ? { stale } : {}) } : { kind: 'unknown', ...(stale ? { stale } : {}) };

export function decodeCachedLink(raw: string): CachedLink | null | undefined {
  try {
    const v = JSON.parse(raw) as Partial<CachedLink> & { unknown?: boolean };
    if (v.unknown === true) return null;
    if (typeof v.linkId === 'string' && typeof v.destination === 'string' && typeof v.workspaceId === 'string') {
      return { ...(v as CachedLink), disabled: v.disabled === true, windowDays: Number(v.windowDays) || 30 };
    }
  } catch {}
  return undefined; // unreadable: treated as a miss, and the fallback overwrites it
}

export async function lookupLink(redis: Redis, code: string, now = Date.now()): Promise<LinkLookup> {
  const entry = memory.get(code);
  if (entry && now - entry.at < FRESH_MS) return fromMemory(entry);
  let raw: string | null;
  try {
    raw = await redis.get<string>(trackingKeys.link(code));
  } catch (error) {
    if (entry && now - entry.at < STALE_MS) return fromMemory(entry, { error });
    return { kind: 'unavailable', error };
  }
  const decoded = raw === null ? undefined : decodeCachedLink(raw);
  if (decoded === undefined) {
    memory.delete(code);
    return { kind: 'miss' };
  }
  remember(code, decoded, now);
  return decoded ? { kind: 'link', link: decoded } : { kind: 'unknown' };
}

export async function cacheLink(redis: Redis, code: string, link: CachedLink): Promise<void> {
  await redis.set(trackingKeys.link(code), JSON.stringify(link), { ex: LINK_TTL_SECONDS });
}

export async function cacheUnknownCode(redis: Redis, code: string): Promise<void> {
  await redis.set(trackingKeys.link(code), UNKNOWN_MARKER, { ex: UNKNOWN_TTL_SECONDS });
}

/** Tests and benchmarks: forget this isolate's copies, or only make them stale. */
export function forgetLocalLinks(opts: { keepStale?: boolean } = {}): void {
  if (!opts.keepStale) return memory.clear();
  for (const entry of memory.values()) entry.at -= FRESH_MS;
}
