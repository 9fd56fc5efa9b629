import { createHmac } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';

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
