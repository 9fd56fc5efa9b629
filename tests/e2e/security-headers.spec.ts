import { expect, test, type APIResponse, type Page, type Response } from '@playwright/test';

// Issue 8 on the production server: the security headers on a page, a server action's POST, an
// API route, /t.js and /r/<code>; pages still style and hydrate under the nonce-based CSP, with no
// violation reported; and a link to a host the merchant removed stops at once and is shown.

const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

type Headers = Record<string, string>;
const headersOf = async (r: APIResponse | Response): Promise<Headers> => ('allHeaders' in r ? r.allHeaders() : r.headers());

function expectStaticSet(h: Headers) {
  expect(h['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['permissions-policy']).toContain('camera=()');
}

/** Collects every CSP violation the page reports (an init script runs before the page's own). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const fromConsole: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) fromConsole.push(m.text());
  });
  return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []))];
}

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

test('a page carries a fresh nonce that Next stamps on its scripts, and the static set', async ({ request }) => {
  const first = await request.get('/sign-in');
  const second = await request.get('/sign-in');
  const h = await headersOf(first);
  expectStaticSet(h);
  const csp = h['content-security-policy'];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-eval');
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  expect((await headersOf(second))['content-security-policy']).not.toContain(nonce);
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
});

test('API routes, /t.js and /r/<code> get the static set and a locked-down policy', async ({ request }) => {
  const api = await request.get('/api/v1/events');
  expectStaticSet(await headersOf(api));
  expect((await headersOf(api))['content-security-policy']).toContain("default-src 'none'");

  const snippet = await request.get('/t.js');
  const s = await headersOf(snippet);
  expect(snippet.status()).toBe(200);
  expectStaticSet(s);
  expect(s['access-control-allow-origin']).toBe('*');
  expect(s['cross-origin-resource-policy']).toBeUndefined();

  const missing = await request.get('/r/no-such-link-e2e', { maxRedirects: 0, headers: { 'user-agent': BROWSER_UA } });
  expect(missing.status()).toBe(404);
  expectStaticSet(await headersOf(missing));
});

test('the console works under the CSP: styles, hydration, an action POST with its headers, no violation', async ({ page }) => {
  const violations = await watchViolations(page);
  await signIn(page, 'owner@demo.test');
  await page.goto('/m/demo/settings/tracking');
  // Tailwind's stylesheet applied (the primary button is not the browser's default grey)
  const save = page.getByRole('button', { name: 'Save domains' });
  expect(await save.evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
  // hydrated: React has attached to the form (the client transition keeps the typed value on refusal)
  await page.waitForFunction(() => Object.keys(document.querySelector('form')!).some((k) => k.startsWith('__react')));
  await shot(page, 'csp-console-tracking');

  const domains = page.getByLabel('Allowed destination domains');
  const current = await domains.inputValue();
  await domains.fill(`${current}\nbad_host!`);
  const [post] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/settings/tracking')), save.click()]);
  const h = await headersOf(post);
  expectStaticSet(h);
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  await expect(page.getByText('is not a host name')).toBeVisible();
  await expect(domains).toHaveValue(`${current}\nbad_host!`); // only a hydrated form keeps it
  expect(await violations()).toEqual([]);
});

test('a link to a host the merchant removes stops at once, and both sides see which', async ({ browser, request }) => {
  const partner = await (await browser.newContext()).newPage();
  await signIn(partner, 'partner@demo.test');
  await partner.goto('/p/links');
  await partner.getByLabel('Program').selectOption({ label: 'Customer referrals' });
  await partner.getByLabel('Destination URL').fill('https://acme.example/e2e-headers');
  await partner.getByRole('button', { name: 'Create link' }).click();
  const code = /\/r\/([a-z0-9-]+) created/.exec(await partner.getByRole('status').innerText())![1];

  const live = await request.get(`/r/${code}`, { maxRedirects: 0, headers: { 'user-agent': BROWSER_UA } });
  expect(live.status()).toBe(302);
  expect(live.headers().location).toMatch(/^https:\/\/acme\.example\/e2e-headers\?ref_click=clk_/);
  expectStaticSet(await headersOf(live));
  expect(live.headers()['content-security-policy']).not.toMatch(/nonce-/);

  const owner = await (await browser.newContext()).newPage();
  await signIn(owner, 'owner@demo.test');
  await owner.goto('/m/demo/settings/tracking');
  const domains = owner.getByLabel('Allowed destination domains');
  const before = await domains.inputValue();
  const without = before.split('\n').filter((d) => d.trim() !== 'acme.example').join('\n') || 'elsewhere.example';
  await domains.fill(without);
  await owner.getByRole('button', { name: 'Save domains' }).click();
  await expect(owner.getByRole('status')).toContainText('now point');

  // at once: the edge's copy lives a few seconds at most; a fresh process reads the rewritten entry
  await expect.poll(async () => (await request.get(`/r/${code}`, { maxRedirects: 0, headers: { 'user-agent': BROWSER_UA } })).status(), { timeout: 10_000 }).toBe(404);
  await owner.reload();
  await expect(owner.getByRole('table', { name: 'Links outside the allowed hosts' }).getByText(`/r/${code}`)).toBeVisible();
  await shot(owner, 'tracking-affected-links');
  await partner.reload();
  await expect(partner.getByRole('row').filter({ hasText: code }).getByText('destination not allowed')).toBeVisible();

  // and back
  await domains.fill(before);
  await owner.getByRole('button', { name: 'Save domains' }).click();
  await expect(owner.getByRole('status')).toContainText('acme.example');
  await expect.poll(async () => (await request.get(`/r/${code}`, { maxRedirects: 0, headers: { 'user-agent': BROWSER_UA } })).status(), { timeout: 10_000 }).toBe(302);
});
