// API keys: what a key may do. The order is the Postgres enum's: append, never reorder.

/** read: every GET; read_write: GET and every POST/PATCH/DELETE. */
export const API_KEY_ACCESS = ['read', 'read_write'] as const;
export type ApiKeyAccess = (typeof API_KEY_ACCESS)[number];

/** The visible start of every key, so a leaked key is recognisable in logs and by secret scanners. */
export const API_KEY_PREFIX = 'pl_live_';

/** How long an Idempotency-Key is remembered (the issue: 24 hours). */
export const IDEMPOTENCY_TTL_HOURS = 24;

/** "Last used" is kept to the minute: a key's use is written at most once a minute. */
export const LAST_USED_RESOLUTION_SECONDS = 60;
