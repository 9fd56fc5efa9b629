/**
 * /t.js as a storefront runs it: served with a JavaScript content type, then executed in a small
 * fake browser (a cookie jar honouring Max-Age) on a landing page and on a later checkout page.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { GET } from '../../app/t.js/route';

interface FakeBrowser {
  jar: Map<string, { value: string; attributes: string }>;
  run(search: string): { clickId(): string | null; partnerCode(): string | null; visitorId(): string; checkoutFields(): Record<string, string> };
}

function fakeBrowser(source: string): FakeBrowser {
  const jar = new Map<string, { value: string; attributes: string }>();
  return {
    jar,
    run(search) {
      const document = {
        currentScript: { getAttribute: () => null },
        get cookie() {
          return [...jar].map(([k, v]) => `${k}=${v.value}`).join('; ');
        },
        set cookie(line: string) {
          const [pair, ...attributes] = line.split('; ');
          const eq = pair.indexOf('=');
          jar.set(pair.slice(0, eq), { value: pair.slice(eq + 1), attributes: attributes.join('; ') });
        },
      };
      const window: Record<string, unknown> = { location: { search, protocol: 'https:' }, crypto: globalThis.crypto };
      runInNewContext(source, { window, document, Uint8Array });
      return window.PartnerLedger as ReturnType<FakeBrowser['run']>;
    },
  };
}

describe('/t.js', () => {
  it('is a small script with a JavaScript content type and cache headers', async () => {
    const res = GET();
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('max-age=3600');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await res.text()).length).toBeLessThan(4096);
  });

  it('keeps ref_click and ref in first-party cookies for checkout', async () => {
    const browser = fakeBrowser(await GET().text());
    const clickId = 'clk_0123456789abcdef0123456789abcdef';
    const landing = browser.run(`?utm_source=x&ref_click=${clickId}&ref=alice`);
    expect(landing.checkoutFields()).toEqual({ clickId, partnerCode: 'alice' });
    const cookie = browser.jar.get('pl_ref_click')!;
    expect(cookie.attributes).toContain('Max-Age=7776000');
    expect(cookie.attributes).toContain('Path=/');
    expect(cookie.attributes).toContain('SameSite=Lax');
    expect(cookie.attributes).toContain('Secure');

    const checkout = browser.run(''); // a later page without the parameters
    expect(checkout.clickId()).toBe(clickId);
    expect(checkout.partnerCode()).toBe('alice');
    expect(checkout.visitorId()).toBe(landing.visitorId());
    expect(checkout.visitorId()).toMatch(/^sv_[0-9a-f]{32}$/);

    // a malformed value is not stored; the previous one stays
    expect(browser.run('?ref_click=%3Cscript%3E').clickId()).toBe(clickId);
    expect(fakeBrowser(await GET().text()).run('').checkoutFields()).toEqual({});
  });
});
