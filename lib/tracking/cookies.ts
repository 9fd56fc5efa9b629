import { isVisitorId, newVisitorId } from './ids';

/**
 * The visitor cookie on the app's own domain: one id per browser, so every click of that browser
 * can be tied to the customer that a later order names (through the order's click id).
 *
 * Lifetime is the longest attribution window of the link's workspace, capped at 400 days (browsers
 * refuse longer cookies). Several workspaces share this cookie, so a click must never *shorten* it:
 * the value carries its own expiry (`<visitorId>.<unix seconds>`) and a new click keeps whichever
 * expiry is later.
 */
export const VISITOR_COOKIE = 'pl_vid';
const DAY_SECONDS = 86_400;
export const MAX_COOKIE_DAYS = 400;

export interface VisitorCookie {
  visitorId: string;
  /** unix seconds */
  expiresAt: number;
}

export function readVisitorCookie(value: string | undefined): VisitorCookie | null {
  if (!value) return null;
  const [visitorId, rawExpiry] = value.split('.');
  if (!isVisitorId(visitorId)) return null;
  const expiresAt = Number(rawExpiry);
  // a cookie from before the expiry suffix existed (or a mangled one) still names the visitor
  return { visitorId, expiresAt: Number.isInteger(expiresAt) ? expiresAt : 0 };
}

export interface VisitorCookieToSet {
  visitorId: string;
  value: string;
  maxAge: number;
}

/** The cookie to send with this click: the same visitor when one is known, never a shorter life. */
export function visitorCookieFor(existing: VisitorCookie | null, windowDays: number, nowMs: number): VisitorCookieToSet {
  const now = Math.floor(nowMs / 1000);
  const days = Math.min(Math.max(windowDays, 1), MAX_COOKIE_DAYS);
  const wanted = now + days * DAY_SECONDS;
  const kept = existing && existing.expiresAt > now ? Math.min(existing.expiresAt, now + MAX_COOKIE_DAYS * DAY_SECONDS) : 0;
  const expiresAt = Math.max(wanted, kept);
  const visitorId = existing?.visitorId ?? newVisitorId();
  return { visitorId, value: `${visitorId}.${expiresAt}`, maxAge: expiresAt - now };
}

export function visitorCookieOptions(maxAge: number, secure: boolean) {
  return { httpOnly: true, secure, sameSite: 'lax' as const, path: '/', maxAge };
}
