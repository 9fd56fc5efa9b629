import { expect, test, type Page } from '@playwright/test';
import { signedIn, unique } from './support';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

test('finance previews a batch, confirms it, and settles its payouts one by one and in bulk on the batch page', async ({ page, browser }) => {
  await signIn(page, 'finance@demo.test');
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
