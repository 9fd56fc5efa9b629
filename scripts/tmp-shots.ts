import { chromium } from '@playwright/test';
const base = 'http://localhost:3005';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
const page = await ctx.newPage();
await page.goto(`${base}/sign-in`);
await page.getByLabel('Email').fill('owner@demo.test');
await page.getByLabel('Password').fill('demo-password');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL(/\/m\/demo/);
for (const p of ['/m/demo/ledger', '/m/demo/payouts']) {
  await page.goto(base + p); await page.screenshot({ path: `/tmp/screens/${p.replaceAll('/', '_')}.png`, fullPage: true });
}
await page.goto(base + '/m/demo/ledger?kind=commission');
await page.getByRole('link', { name: 'Why?' }).first().click();
await page.waitForURL(/ledger\/[0-9a-f-]{36}/);
await page.screenshot({ path: `/tmp/screens/entry.png`, fullPage: true });
await page.goto(base + '/m/demo/ledger?kind=reversal');
await page.getByRole('link', { name: 'Why?' }).first().click();
await page.waitForURL(/ledger\/[0-9a-f-]{36}/);
await page.screenshot({ path: `/tmp/screens/entry-reversal.png`, fullPage: true });
const p2 = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
await p2.goto(`${base}/sign-in`);
await p2.getByLabel('Email').fill('partner@demo.test');
await p2.getByLabel('Password').fill('demo-password');
await p2.getByRole('button', { name: 'Sign in' }).click();
await p2.waitForURL(/\/p/);
await p2.goto(base + '/p/earnings'); await p2.screenshot({ path: `/tmp/screens/p_earnings.png`, fullPage: true });
await browser.close();
