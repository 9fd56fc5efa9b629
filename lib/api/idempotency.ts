import 'server-only';
import type { Database } from '../../db/client';
import { claimIdempotencyKey, completeIdempotencyKey, findIdempotencyRecord, releaseIdempotencyKey } from '../../db/queries/api-idempotency';
import { AppError } from '../errors';
import { sha256Hex } from '../server/sha256';

// Idempotency-Key on POST (Stripe's contract, which integrators know): the first request with a
// key runs and its answer is stored; the same key with the same request gets those bytes again
// (with `Idempotent-Replayed: true`); the same key with a different request is a 409. Keys are per
// workspace and forgotten after 24 hours. A concurrent repeat waits for the first to finish and
// replays it, so two identical POSTs racing write once. An answer of 500 is not stored: the retry
// runs again.

export interface StoredAnswer {
  status: number;
  body: string;
}

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;
const WAIT_MS = 10_000;

export function idempotencyKeyOf(headers: Headers): string | null {
  const key = headers.get('idempotency-key');
  if (key === null) return null;
  if (!KEY_SHAPE.test(key)) {
    throw new AppError('invalid_input', 'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice).', { 'Idempotency-Key': 'invalid' });
  }
  return key;
}

export function requestHash(method: string, url: URL, rawBody: string): string {
  return sha256Hex(`${method} ${url.pathname}${url.search}\n${rawBody}`);
}

/**
 * Runs `work` at most once for this key and request. Returns what to send and whether it is a
 * replay of an earlier answer.
 */
export async function once(
  db: Database,
  workspaceId: string,
  key: string,
  hash: string,
  now: Date,
  work: () => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  const claim = await claimIdempotencyKey(db, workspaceId, key, hash, now);
  if ('claimed' in claim) {
    let answer: StoredAnswer;
    try {
      answer = await work();
    } catch (err) {
      await releaseIdempotencyKey(db, claim.claimed);
      throw err;
    }
    if (answer.status >= 500) await releaseIdempotencyKey(db, claim.claimed);
    else await completeIdempotencyKey(db, claim.claimed, answer.status, answer.body);
    return { ...answer, replayed: false };
  }
  let record = claim.existing;
  if (record.requestHash !== hash) throw reusedKey();
  const deadline = Date.now() + WAIT_MS;
  while (record.statusCode === null) {
    if (Date.now() > deadline) {
      throw new AppError('conflict', 'A request with this Idempotency-Key is still being processed; retry in a few seconds.', { 'Idempotency-Key': 'in progress' });
    }
    await new Promise((r) => setTimeout(r, 50));
    const again = await findIdempotencyRecord(db, workspaceId, key);
    // the first request failed on our side and let the key go: run this one as the first
    if (!again) return once(db, workspaceId, key, hash, now, work);
    if (again.requestHash !== hash) throw reusedKey();
    record = again;
  }
  return { status: record.statusCode, body: record.responseBody ?? '', replayed: true };
}

function reusedKey() {
  return new AppError('conflict', 'This Idempotency-Key was already used with a different request; use a new key for a new request.', { 'Idempotency-Key': 'reused with another request' });
}
