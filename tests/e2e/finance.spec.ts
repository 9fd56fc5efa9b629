import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import Decimal from 'decimal.js';
import Papa from 'papaparse';
import { signedIn, unique } from './support';

type CsvRow = Record<string, string>;
const parseCsv = (text: string, header = true) => Papa.parse<CsvRow>(text.trim(), { header, skipEmptyLines: true }).data;
// formatted amounts on the overview ("1,234.56"): the number they show
const shown = async (l: Locator) => new Decimal((await l.innerText()).replace(/[^\d.-]/g, '') || '0');

/** A download started by clicking a button on the page, read whole. */
async function download(page: Page, button: Locator): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return readFile((await file.path())!, 'utf8');
}

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

test('finance previews a batch, confirms it, checks its files against the ledger, and settles its payouts one by one and in bulk', async ({ page, browser }) => {
  await signIn(page, 'finance@demo.test');
  // the overview's money before the batch
  await page.goto('/m/demo');
  const processingBefore = await shown(page.getByTestId('money-USD-processing'));
  const paidBefore = await shown(page.getByTestId('money-USD-paid'));
  const payableBefore = await shown(page.getByTestId('money-USD-payable'));
  expect(payableBefore.gt(0)).toBe(true);
  await page.goto('/m/demo/payouts');
  await expect(page.getByTestId('USD-paid')).not.toHaveText('0.00');
  await shot(page, 'payouts');
  const name = `e2e batch ${unique()}`;
  await page.getByLabel('Batch name').fill(name);
  await page.getByRole('button', { name: 'Preview batch' }).click();
  await expect(page.getByRole('heading', { name: `Preview: ${name}` })).toBeVisible();
  await expect(page.getByTestId('preview-totals')).toContainText('To pay');
  await shot(page, 'payout-batch-preview');

  // confirming opens the batch's page, which refreshes itself until the build is done
  await page.getByRole('button', { name: /^Create batch with [\d,]+ payouts?$/ }).click();
  await page.waitForURL(/\/m\/demo\/payouts\/[0-9a-f-]{36}\?created=1$/);
  const batchUrl = page.url();
  await expect(page.getByRole('status').filter({ hasText: `Batch “${name}” created` })).toBeVisible();
  await expect(page.getByText('Ready', { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('download-batch-csv')).toHaveAttribute('href', new URL(batchUrl).pathname + '/export.csv');
  await shot(page, 'payout-batch');

  // the batch's CSV and its PayPal file, each amount checked against the ledger's entries
  const payouts = parseCsv(await download(page, page.getByTestId('download-batch-csv')));
  expect(payouts.length).toBeGreaterThan(0);
  expect(new Set(payouts.map((p) => p.batch))).toEqual(new Set([name]));
  const ledger = parseCsv(await (await page.request.get('/m/demo/ledger/export.csv')).text());
  for (const p of payouts) {
    const held = ledger.filter((e) => e.payout_id === p.payout_id);
    expect(held.length, `entries of ${p.partner}'s payout`).toBeGreaterThan(0);
    expect(held.every((e) => e.unit === p.unit && e.partner === p.partner)).toBe(true);
    expect(held.reduce((sum, e) => sum.plus(e.amount), new Decimal(0)).eq(p.amount), `${p.partner} ${p.amount} ${p.unit}`).toBe(true);
  }
  const usdInBatch = payouts.filter((p) => p.unit === 'USD').reduce((sum, p) => sum.plus(p.amount), new Decimal(0));
  const paypal = parseCsv(await download(page, page.getByTestId('download-paypal-USD')), false) as unknown as string[][];
  const expectedPaypal = payouts.filter((p) => p.payout_method === 'paypal' && p.unit === 'USD' && p.status === 'processing');
  expect(paypal.length).toBe(expectedPaypal.length);
  expect(paypal.length).toBeGreaterThan(0);
  for (const [recipient, amount, currency, customerId, , wallet] of paypal) {
    const p = payouts.find((x) => x.payment_id === customerId)!;
    expect(p, `PayPal line ${customerId}`).toBeTruthy();
    expect([recipient, currency, wallet]).toEqual([p.payout_email, 'USD', 'PAYPAL']);
    expect(new Decimal(amount).eq(p.amount)).toBe(true);
  }

  // the overview: what the batch took is processing now
  await page.goto('/m/demo');
  expect((await shown(page.getByTestId('money-USD-processing'))).eq(processingBefore.plus(usdInBatch))).toBe(true);
  await page.goto(batchUrl);

  // one payout: paid with its transfer reference, the message stays in its row
  const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Mark paid' }) }).first();
  await row.getByLabel('Transfer reference or failure reason').fill('TRF-E2E-1');
  await row.getByRole('button', { name: 'Mark paid' }).click();
  await expect(page.getByRole('status').filter({ hasText: /payout marked paid with reference TRF-E2E-1\.$/ })).toBeVisible();

  // the rest in bulk, after a confirmation naming the count and the reference
  const processing = Number((await page.getByRole('link', { name: /^Processing \(\d+\)$/ }).innerText()).match(/\d+/)![0]);
  await page.getByRole('radio', { name: /^All [\d,]+ processing in this batch$/ }).check();
  await page.getByLabel('Transfer reference', { exact: true }).fill('BULK-E2E');
  await page.getByRole('button', { name: 'Mark paid…' }).click();
  await expect(page.getByRole('alertdialog')).toContainText(`Mark ${processing === 1 ? '1 payout' : `${processing} payouts`} paid with reference “BULK-E2E”?`);
  await page.getByRole('button', { name: 'Yes, mark paid' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${processing === 1 ? '1 payout' : `${processing} payouts`} marked paid with reference BULK-E2E.` })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Processing (0)' })).toBeVisible();
  await shot(page, 'payout-batch-settled');

  // and once paid, it has moved from processing to paid on the overview
  await page.goto('/m/demo');
  expect((await shown(page.getByTestId('money-USD-processing'))).eq(processingBefore)).toBe(true);
  expect((await shown(page.getByTestId('money-USD-paid'))).eq(paidBefore.plus(usdInBatch))).toBe(true);
  await shot(page, 'overview-after-batch');
  await page.goBack();

  // what one payout pays, entry by entry, each with its explanation
  await page.getByRole('link', { name: /^[\d,]+ entr(y|ies)$/ }).first().click();
  await expect(page.getByRole('heading', { name: /: entries paid$/ })).toBeVisible();
  await page.getByRole('link', { name: 'Why?' }).first().click();
  await expect(page.getByRole('heading', { name: 'Rule and rounding' })).toBeVisible();

  // a phone: the batch page scrolls its table in its card, never the page
  const phone = await signedIn(browser, 'finance@demo.test', 390);
  await phone.goto(batchUrl.replace('?created=1', ''));
  await expect(phone.getByRole('heading', { name })).toBeVisible();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(phone, 'payout-batch-390');
  await phone.goto(`/m/demo/payouts/preview?name=${encodeURIComponent(`${name} phone`)}`);
  await expect(phone.getByRole('heading', { name: `Preview: ${name} phone` })).toBeVisible();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(phone, 'payout-batch-preview-390');
});

test('every ledger entry explains itself', async ({ page }) => {
  await signIn(page, 'owner@demo.test');
  await page.goto('/m/demo/ledger?kind=commission');
  await page.getByRole('link', { name: 'Why?' }).first().click();
  await expect(page.getByRole('heading', { name: 'Rule and rounding' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Attribution/ })).toBeVisible();
  await shot(page, 'entry-explanation');
  await page.goto('/m/demo/pools');
  await expect(page.getByText(/Last closed: \d{4}(-Q[1-4])? on \d{1,2} [A-Z][a-z]{2} \d{4}/).first()).toBeVisible();
  await page.goto('/m/demo/customers');
  await expect(page.getByText('cus_001')).toBeVisible();
});

test('a partner sees its earnings and why, and nobody else’s', async ({ page }) => {
  await signIn(page, 'partner@demo.test');
  await page.goto('/p/earnings');
  await expect(page.getByRole('link', { name: 'Why?' }).first()).toBeVisible();
  await shot(page, 'partner-earnings');
  await page.getByRole('link', { name: 'Why?' }).first().click();
  // the portal explains in its own words (lib/explain/partner-*)
  await expect(page.getByRole('heading', { name: 'Your reward' })).toBeVisible();
  // the merchant's console stays closed to the partner
  expect((await page.goto('/m/demo/ledger'))?.status()).toBe(404);
});
