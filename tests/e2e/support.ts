import { createHmac } from 'node:crypto';
import { expect, type Browser, type Page } from '@playwright/test';

// What the browser journeys share: a unique suffix, a full-page screenshot, a demo login in its own
// browser context, and a storefront's signed event (docs/api.md) posted to the running app.

export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

/** A fresh browser context signed in as one of the demo logins (password `demo-password`). */
export async function signedIn(browser: Browser, email: string, width = 1440): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height: width < 640 ? 844 : 900 } })).newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  return page;
}

export interface PostedEntry {
  id: string;
  partnerId: string;
  programId: string;
  kind: string;
  rule: string;
  amount: string;
  unit: string;
}

/** Posts one event to the demo workspace signed with its events secret, as a storefront does. */
export async function postEvent(baseURL: string, secret: string, event: unknown): Promise<{ status: number; body: { entries?: PostedEntry[] } }> {
  const body = JSON.stringify(event);
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  const res = await fetch(`${baseURL}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-workspace': 'demo', 'x-signature': `t=${t},v1=${v1}` },
    body,
  });
  return { status: res.status, body: (await res.json()) as { entries?: PostedEntry[] } };
}

/** A real browser's user agent: the tracker counts no click from headless Chromium's own. */
export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** Console errors and uncaught exceptions of a page, collected from now on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Screenshots at 1440 and 390 px, failing when the page scrolls sideways on the phone. */
export async function bothWidths(page: Page, name: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1440, height: 900 });
}
