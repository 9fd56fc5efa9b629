/**
 * Issue 8: security headers on every page and route. What a response carries is the union of the
 * static headers of next.config.mjs (evaluated with Next's own custom-route matcher) and what
 * middleware.ts adds (called as Next calls it, when Next's own matcher says it runs), merged as
 * Next's router merges them (middleware's value wins for the same name). The browser suite
 * (tests/e2e/security-headers.spec.ts) checks the same on the production server.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { NextRequest, type NextFetchEvent } from 'next/server';
import { unstable_doesMiddlewareMatch, unstable_getResponseFromNextConfig } from 'next/experimental/testing/server';
import { testDatabase } from '../helpers/db';
import { BROWSER_UA, isolateTrackingKeys, trackingWorkspace } from '../helpers/tracking';
import { createLink } from '../../lib/server/links';
import { pageContentSecurityPolicy } from '../../lib/http/security-headers';
import { middleware, config as middlewareConfig } from '../../middleware';
import { GET as snippetGet } from '../../app/t.js/route';

isolateTrackingKeys();
const db = testDatabase();
const ORIGIN = 'https://app.partnerledger.test';
const CONFIG_URL = pathToFileURL(path.resolve(import.meta.dirname, '../../next.config.mjs')).href;

async function nextConfig(env: 'production' | 'development') {
  const saved = process.env.NODE_ENV;
  (process.env as Record<string, string>).NODE_ENV = env;
  try {
    // a fresh module instance: the config reads NODE_ENV when it is loaded
    return (await import(/* @vite-ignore */ `${CONFIG_URL}?env=${env}`)).default;
  } finally {
    (process.env as Record<string, string>).NODE_ENV = saved!;
  }
}

interface Answer {
  headers: Headers;
  /** the headers Next hands to the page or route as the request's (x-nonce, the policy) */
  forwarded: Headers;
  middlewareRan: boolean;
  status: number;
}

/** A request as Next serves it: config headers, then middleware (if its matcher says so) on top. */
async function serve(path: string, init: { method?: string; headers?: Record<string, string> } = {}, env: 'production' | 'development' = 'production'): Promise<Answer> {
  const url = `${ORIGIN}${path}`;
  const headers = { 'user-agent': BROWSER_UA, ...init.headers };
  const fromConfig = await unstable_getResponseFromNextConfig({ url, nextConfig: await nextConfig(env), headers });
  const merged = new Headers(fromConfig.headers);
  const forwarded = new Headers();
  const middlewareRan = unstable_doesMiddlewareMatch({ config: middlewareConfig, url, headers });
  let status = 200;
  if (middlewareRan) {
    const waits: Promise<unknown>[] = [];
    const res = await middleware(new NextRequest(url, { method: init.method ?? 'GET', headers }), { waitUntil: (p: Promise<unknown>) => void waits.push(p) } as unknown as NextFetchEvent);
    await Promise.allSettled(waits);
    status = res.status;
    for (const [name, value] of res.headers) {
      if (name.startsWith('x-middleware-request-')) forwarded.set(name.slice('x-middleware-request-'.length), value);
      else if (!name.startsWith('x-middleware-')) merged.set(name, value);
    }
  }
  return { headers: merged, forwarded, middlewareRan, status };
}

const expectEveryResponseHeaders = (h: Headers) => {
  expect(h.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
  expect(h.get('x-content-type-options')).toBe('nosniff');
  expect(h.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(h.get('x-frame-options')).toBe('DENY');
  expect(h.get('permissions-policy')).toContain('camera=()');
};

const directives = (csp: string | null) => new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

let linkCode: string;
beforeAll(async () => {
  const ws = await trackingWorkspace(db, 1);
  linkCode = (await createLink(db, ws.workspaceId, { partnerId: ws.partners[0].id, programId: ws.programId, destinationUrl: 'https://shop.example/headers' })).code;
});

describe('pages get a nonce-based policy that forbids framing', () => {
  it('a console page: fresh nonce per request, handed to Next on the request and echoed on the response', async () => {
    const first = await serve('/m/demo/settings/api');
    const second = await serve('/m/demo/settings/api');
    expect(first.middlewareRan).toBe(true);
    expectEveryResponseHeaders(first.headers);
    const csp = directives(first.headers.get('content-security-policy'));
    const nonce = first.forwarded.get('x-nonce')!;
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(second.forwarded.get('x-nonce')).not.toBe(nonce);
    expect(first.forwarded.get('content-security-policy')).toBe(first.headers.get('content-security-policy'));
    expect(csp.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(csp.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });

  it('a server action posted to a page gets the same protection', async () => {
    const action = await serve('/m/demo/settings/api', { method: 'POST', headers: { 'next-action': '7f00aa', 'content-type': 'text/plain;charset=UTF-8' } });
    expect(action.middlewareRan).toBe(true);
    expectEveryResponseHeaders(action.headers);
    expect(directives(action.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('the public pages too (sign-in, the marketing page, a 404)', async () => {
    for (const path of ['/', '/sign-in', '/join/demo/referrals', '/no-such-page']) {
      const answer = await serve(path);
      expect(answer.middlewareRan, path).toBe(true);
      expect(answer.forwarded.get('x-nonce'), path).toBeTruthy();
      expect(answer.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
  });

  it('development allows eval and inline styles (React’s error stacks, the dev overlay); production never', async () => {
    const dev = directives(pageContentSecurityPolicy('n0nce', { dev: true }));
    expect(dev.get('script-src')).toContain("'unsafe-eval'");
    expect(dev.get('style-src')).toContain("'unsafe-inline'");
    const prod = directives(pageContentSecurityPolicy('n0nce', { dev: false }));
    expect([...prod.get('script-src')!, ...prod.get('style-src')!]).not.toContain("'unsafe-eval'");
    expect(prod.get('script-src')).not.toContain("'unsafe-inline'");
    // HSTS only where it means something
    expect((await serve('/sign-in', {}, 'development')).headers.get('strict-transport-security')).toBeNull();
  });

  it('router prefetches (RSC payloads, never a document) and Next’s own files skip the middleware', async () => {
    expect((await serve('/m/demo', { headers: { 'next-router-prefetch': '1' } })).middlewareRan).toBe(false);
    for (const path of ['/_next/static/chunks/main.js', '/_next/image?url=x', '/icon.svg']) {
      const file = await serve(path);
      expect(file.middlewareRan, path).toBe(false);
      expect(file.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});

describe('routes that are not pages get the static set and a locked-down policy, without middleware work', () => {
  it('an API route: nosniff, HSTS, no framing, no nonce', async () => {
    const api = await serve('/api/v1/events', { method: 'POST' });
    expect(api.middlewareRan).toBe(false);
    expectEveryResponseHeaders(api.headers);
    expect(directives(api.headers.get('content-security-policy')).get('default-src')).toEqual(["'none'"]);
    expect(api.forwarded.get('x-nonce')).toBeNull();
  });

  it('/t.js stays loadable from storefronts on other origins', async () => {
    const snippet = await serve('/t.js');
    expect(snippet.middlewareRan).toBe(false);
    expectEveryResponseHeaders(snippet.headers);
    expect(snippet.headers.get('cross-origin-resource-policy')).toBeNull();
    const own = snippetGet();
    expect(own.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(own.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('/r/<code> redirects with the static set; the middleware adds no policy and no nonce', async () => {
    const redirect = await serve(`/r/${linkCode}`);
    expect(redirect.middlewareRan).toBe(true);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toMatch(/^https:\/\/shop\.example\/headers\?ref_click=clk_/);
    expectEveryResponseHeaders(redirect.headers);
    expect(redirect.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(redirect.forwarded.get('x-nonce')).toBeNull();
    // the "link not available" page keeps its inline <style> under the locked-down policy
    const missing = await serve('/r/no-such-code-here');
    expect(directives(missing.headers.get('content-security-policy')).get('style-src')).toEqual(["'unsafe-inline'"]);
  });
});
