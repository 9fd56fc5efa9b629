import { expect, test, type Page } from '@playwright/test';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

test('finance sees balances, creates a batch and settles a payout', async ({ page }) => {
  await signIn(page, 'finance@demo.test');
  await page.goto('/m/demo/payouts');
  await expect(page.getByTestId('USD-paid')).not.toHaveText('0.00');
  await shot(page, 'payouts');
  await page.getByLabel('Batch name').fill(`e2e batch ${Date.now()}`);
  await page.getByRole('button', { name: 'Create payout batch' }).click();
  await expect(page.getByRole('status')).toContainText(/payouts? created/);
  const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Mark paid' }) }).first();
  const partner = await row.getByRole('cell').nth(1).innerText();
  const batch = await row.getByRole('cell').nth(0).innerText();
  await row.getByLabel('Transfer reference or failure reason').fill('TRF-E2E-1');
  const settled = page.getByRole('row').filter({ hasText: partner }).filter({ hasText: batch });
  const before = await settled.count();
  await row.getByRole('button', { name: 'Mark paid' }).click();
  // the paid payout leaves the "awaiting transfer" list
  await expect(settled).toHaveCount(before - 1);
  await page.reload();
  await expect(settled).toHaveCount(before - 1);
});

test('every ledger entry explains itself', async ({ page }) => {
  await signIn(page, 'owner@demo.test');
  await page.goto('/m/demo/ledger?kind=commission');
  await page.getByRole('link', { name: 'Why?' }).first().click();
  await expect(page.getByRole('heading', { name: 'Rule and rounding' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Attribution/ })).toBeVisible();
  await shot(page, 'entry-explanation');
  await page.goto('/m/demo/pools');
  await expect(page.getByText(/Last closed: \d{4}(-Q[1-4])? on \d{4}-\d{2}-\d{2}/).first()).toBeVisible();
  await page.goto('/m/demo/customers');
  await expect(page.getByText('cus_001')).toBeVisible();
});

test('a partner sees its earnings and why, and nobody else’s', async ({ page }) => {
  await signIn(page, 'partner@demo.test');
  await page.goto('/p/earnings');
  await expect(page.getByRole('link', { name: 'Why?' }).first()).toBeVisible();
  await shot(page, 'partner-earnings');
  await page.getByRole('link', { name: 'Why?' }).first().click();
  await expect(page.getByRole('heading', { name: 'Rule and rounding' })).toBeVisible();
  // the merchant's console stays closed to the partner
  expect((await page.goto('/m/demo/ledger'))?.status()).toBe(404);
});
