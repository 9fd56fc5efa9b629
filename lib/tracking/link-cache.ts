import type { Redis } from '@upstash/redis';
import { trackingKeys } from './keys';

/**
 * Tracked links as the edge sees them: one Redis key per code, written when a link is created or
 * changed (lib/server/links.ts) and refilled by the Postgres fallback on a miss.
 *
 *   link:<code>  →  {"workspaceId":…,"linkId":…,"partnerId":…,"programId":…,"destination":…,"disabled":false,"destinationAllowed":true,"windowDays":90}
 *                →  {"unknown":true}   (negative marker, short-lived, so random codes do not hit Postgres)
 *
 * In front of Redis sits a small per-isolate memory cache: fresh for FRESH_MS (a disabled link
 * stops redirecting within that), and, only when Redis fails, usable up to STALE_MS so hot links
 * keep redirecting through an outage without touching Postgres.
 *
 * Saving a workspace's allowed domains rewrites the Redis entries of all its links in the same
 * request (lib/server/tracking-settings.ts), so a removed host stops at once in Redis and in the
 * Postgres fallback; an isolate's memory copy lives at most FRESH_MS more (and, only while Redis
 * is failing, until Redis answers again or STALE_MS pass).
 */
export interface CachedLink {
  workspaceId: string;
  linkId: string;
  partnerId: string;
  programId: string;
  destination: string;
  disabled: boolean;
  /**
   * The destination is on one of the workspace's allowed hosts *now*: computed from the current
   * list whenever the entry is written (a domains save rewrites every entry of the workspace).
   */
  destinationAllowed: boolean;
  /** longest attribution window of the workspace's programs: the visitor cookie's lifetime */
  windowDays: number;
}

export const LINK_TTL_SECONDS = 60 * 60; // bounds staleness if a cache write after a change failed
export const UNKNOWN_TTL_SECONDS = 60;
const FRESH_MS = 5_000;
const STALE_MS = 10 * 60_000;
const MEMORY_ENTRIES = 10_000;

const UNKNOWN_MARKER = '{"unknown":true}';
const PIPELINE_CHUNK = 500;

/**
 * A link that must not send anyone anywhere: switched off, or pointing at a host the merchant no
 * longer allows. The visitor gets the "link not available" page, and no click or cookie is
 * recorded (nothing reached the merchant's site, so there is nothing a later order could credit).
 */
export const linkLeadsNowhere = (link: CachedLink): boolean => link.disabled || !link.destinationAllowed;

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
    // an entry without destinationAllowed predates the domain check: a miss, refilled from Postgres
    if (typeof v.linkId === 'string' && typeof v.destination === 'string' && typeof v.workspaceId === 'string' && typeof v.destinationAllowed === 'boolean') {
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

/**
 * Rewrites many links' entries in pipelined round trips. `onlyIfCached` (SET XX) refreshes the
 * entries the edge holds without filling Redis with links nobody visits. Throws if any write fails.
 */
export async function cacheLinks(redis: Redis, entries: readonly { code: string; link: CachedLink }[], opts: { onlyIfCached?: boolean } = {}): Promise<void> {
  for (let i = 0; i < entries.length; i += PIPELINE_CHUNK) {
    const pipeline = redis.pipeline();
    for (const { code, link } of entries.slice(i, i + PIPELINE_CHUNK)) {
      const value = JSON.stringify(link);
      if (opts.onlyIfCached) pipeline.set(trackingKeys.link(code), value, { ex: LINK_TTL_SECONDS, xx: true });
      else pipeline.set(trackingKeys.link(code), value, { ex: LINK_TTL_SECONDS });
    }
    await pipeline.exec();
  }
}

/** Removes links' entries: the next visit of each refills it from Postgres, whatever it holds by then. */
export async function evictLinks(redis: Redis, codes: readonly string[]): Promise<void> {
  for (let i = 0; i < codes.length; i += PIPELINE_CHUNK) {
    const keys = codes.slice(i, i + PIPELINE_CHUNK).map((code) => trackingKeys.link(code));
    if (keys.length) await redis.del(...keys);
  }
}

export async function cacheUnknownCode(redis: Redis, code: string): Promise<void> {
  await redis.set(trackingKeys.link(code), UNKNOWN_MARKER, { ex: UNKNOWN_TTL_SECONDS });
}

/** Tests and benchmarks: forget this isolate's copies, or only make them stale. */
export function forgetLocalLinks(opts: { keepStale?: boolean } = {}): void {
  if (!opts.keepStale) return memory.clear();
  for (const entry of memory.values()) entry.at -= FRESH_MS;
}
