import { NextResponse, type NextRequest } from 'next/server';

/**
 * The Content-Security-Policy of every page, with a fresh nonce per request (Next's documented
 * approach: middleware puts the policy on the request, Next reads the nonce from it and stamps its
 * own scripts and inline styles, and the same policy goes on the response). Edge-safe: imported by
 * middleware.ts. The headers that do not change per request (HSTS, nosniff, referrer policy,
 * X-Frame-Options, Permissions-Policy, and a locked-down CSP for API routes, /r/<code> and /t.js)
 * are set for every path in next.config.mjs, so the tracked-link redirect does no header work of
 * its own here.
 *
 * - scripts: only those carrying the nonce, and what they load ('strict-dynamic'); nothing inline
 *   that Next did not stamp. Development adds 'unsafe-eval' (React rebuilds server error stacks
 *   with eval) and inline styles (the dev overlay);
 * - styles: our stylesheet and Next's stamped inline styles; style *attributes* stay allowed
 *   (style-src-attr) because a nonce cannot cover an attribute and the balance bar sets widths
 *   with one. An attribute can neither run script nor, with img-src 'self', send data elsewhere;
 * - frame-ancestors 'none' (with X-Frame-Options DENY for old browsers): no page can be framed,
 *   so buttons such as "Mark paid" or "Rotate the events secret" cannot be clickjacked;
 * - form-action, base-uri, object-src: forms post only to us, no <base> hijack, no plugins.
 */
export function pageContentSecurityPolicy(nonce: string, opts: { dev?: boolean } = {}): string {
  const dev = opts.dev ?? process.env.NODE_ENV === 'development';
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    dev ? `style-src 'self' 'unsafe-inline'` : `style-src 'self' 'nonce-${nonce}'`,
    `style-src-attr 'unsafe-inline'`,
    `img-src 'self' blob: data:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

/** 128 random bits, base64: unguessable and new for every page view. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export const NONCE_REQUEST_HEADER = 'x-nonce';

/** A page request goes on to Next with its nonce; the answer carries the matching policy. */
export function continueWithPagePolicy(req: NextRequest, nonce = newNonce()): NextResponse {
  const policy = pageContentSecurityPolicy(nonce);
  const headers = new Headers(req.headers);
  headers.set(NONCE_REQUEST_HEADER, nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}
