// Captures the main pages of a running app as PNGs (for reviewing the UI as a person sees it).
// Usage: BASE_URL=http://localhost:3000 npx tsx scripts/screenshots.ts [outDir]
import { chromium, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const base = process.env.BASE_URL ?? 'http://localhost:3000';
const out = process.argv[2] ?? 'test-results/screens';
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
async function signIn(page: Page, email: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(process.env.DEMO_PASSWORD ?? 'demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}
const pages: [string, string, string[]][] = [
  ['owner@demo.test', 'merchant', ['/m/demo', '/m/demo/programs', '/m/demo/partners', '/m/demo/events', '/m/demo/ledger', '/m/demo/payouts', '/m/demo/settings']],
  ['partner@demo.test', 'partner', ['/p', '/p/earnings']],
];
for (const [email, who, paths] of pages) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await signIn(page, email);
  for (const path of paths) {
    await page.goto(`${base}${path}`);
    await page.screenshot({ path: `${out}/${who}${path.replaceAll('/', '_')}.png`, fullPage: true });
  }
  await ctx.close();
}
const anon = await browser.newPage();
for (const path of ['/', '/sign-in', '/sign-up', '/join/demo/referrals']) {
  await anon.goto(`${base}${path}`);
  await anon.screenshot({ path: `${out}/public${path.replaceAll('/', '_') || '_home'}.png`, fullPage: true });
}
await browser.close();
console.log(`screenshots in ${out}`);
