import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors';

// The event signature scheme, used for inbound events and outbound webhooks alike:
//   X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
// Several v1 values may be sent (during a secret rotation); one valid match is enough.

export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export function signatureFor(secret: string, rawBody: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

export function signatureHeader(secret: string, rawBody: string, now = new Date()): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${signatureFor(secret, rawBody, t)}`;
}

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

// Exactly "t=<digits>,v1=<64 hex>", optionally more ",v1=<64 hex>" (rotation), nothing else: no
// spaces, no other keys, no trailing characters. Node's hex decoder stops at the first non-hex
// character, so a looser parser would accept "v1=<the right hex>garbage".
const HEADER = /^t=(\d{1,12})((?:,v1=[0-9a-fA-F]{64})+)$/;

export function verifySignature(secret: string, header: string | null, rawBody: string, now = new Date()): SignatureVerdict {
  if (!header) return { ok: false, reason: 'missing X-Signature header' };
  const m = HEADER.exec(header);
  if (!m) return { ok: false, reason: 'X-Signature must be exactly t=<unix seconds>,v1=<64 hex digits> (more ,v1= entries allowed)' };
  const t = Number(m[1]);
  const candidates = m[2].slice(1).split(',').map((p) => p.slice('v1='.length));
  // both ways: a timestamp from the future is as suspect as a stale one (a replay prepared in advance)
  if (Math.abs(now.getTime() / 1000 - t) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'signature timestamp is more than 5 minutes away' };
  const expected = Buffer.from(signatureFor(secret, rawBody, t), 'hex');
  const match = candidates.some((c) => timingSafeEqual(Buffer.from(c, 'hex'), expected));
  return match ? { ok: true } : { ok: false, reason: 'signature does not match' };
}

/** The events API's check: a 401 naming what is wrong with the X-Signature header. */
export function assertEventSignature(secret: string, header: string | null, rawBody: string, now = new Date()): void {
  const verdict = verifySignature(secret, header, rawBody, now);
  if (!verdict.ok) throw new AppError('unauthorized', `Bad signature: ${verdict.reason}.`);
}
