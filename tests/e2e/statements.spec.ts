import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import Decimal from 'decimal.js';
import { bothWidths, collectErrors, shot, signedIn } from './support';

// Partner statements as partner@demo.test (Pat Partner, six months of demo rewards, paid payouts, a
// failed one and one processing): the page's opening and closing balances per unit, the CSV behind
// its button (same closings, opening + movements = closing, nothing a spreadsheet would run), a
// refused period; and the merchant's choice to show customers' emails. 1440 and 390 px.

const FORMULA = /^[=+\-@\t\r]/;
const AMOUNTS = new Set(['amount', 'balance', 'payout_amount']);
const day = (at: Date) => at.toISOString().slice(0, 10);

test('a partner downloads a statement whose balances are the page’s', async ({ browser }) => {
  const page = await signedIn(browser, 'partner@demo.test');
  const errors = collectErrors(page);
  const to = day(new Date());
  const from = day(new Date(Date.now() - 200 * 86_400_000));
  await page.goto(`/p/statements?from=${from}&to=${to}`);
  await expect(page.getByRole('heading', { name: 'Statements', level: 1 })).toBeVisible();
  const rows = page.getByTestId('statement-summary').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const onPage = new Map<string, { opening: string; closing: string }>();
  for (const row of await rows.all()) {
    onPage.set((await row.getAttribute('data-unit'))!, { opening: (await row.getAttribute('data-opening'))!, closing: (await row.getAttribute('data-closing'))! });
  }
  expect(onPage.has('USD')).toBe(true);
  await bothWidths(page, 'statement');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statement-download').click()]);
  expect(download.suggestedFilename()).toBe(`demo-statement-${from}-to-${to}.csv`);
  const text = await readFile((await download.path())!, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const records = parsed.data;
  expect(records.some((r) => r.row_type === 'payout' && r.status === 'paid')).toBe(true);
  expect(records.some((r) => r.row_type === 'entry')).toBe(true);

  for (const [unit, balances] of onPage) {
    const opening = records.find((r) => r.row_type === 'opening_balance' && r.unit === unit)!;
    const closing = records.find((r) => r.row_type === 'closing_balance' && r.unit === unit)!;
    expect(new Decimal(opening.balance).eq(balances.opening), `${unit} opening`).toBe(true);
    expect(new Decimal(closing.balance).eq(balances.closing), `${unit} closing`).toBe(true);
    const moved = records.filter((r) => r.unit === unit && (r.row_type === 'entry' || r.row_type === 'payout')).reduce((s, r) => s.plus(r.amount), new Decimal(0));
    expect(new Decimal(opening.balance).plus(moved).eq(closing.balance), `${unit}: opening + movements = closing`).toBe(true);
  }
  for (const r of records) {
    for (const [column, cell] of Object.entries(r)) if (!AMOUNTS.has(column)) expect(cell, column).not.toMatch(FORMULA);
  }
  expect(errors).toEqual([]);
});

test('the page opens on this month, moves by its shortcuts and refuses a backwards period', async ({ browser }) => {
  const page = await signedIn(browser, 'partner@demo.test', 390);
  await page.goto('/p/statements');
  const now = new Date();
  await expect(page.getByLabel('From')).toHaveValue(`${now.toISOString().slice(0, 7)}-01`);
  await page.getByRole('link', { name: 'Last month' }).click();
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  await expect(page.getByLabel('From')).toHaveValue(day(lastMonth));
  await expect(page.getByTestId('statement-download')).toHaveAttribute('href', new RegExp(`from=${day(lastMonth)}`));

  await page.getByLabel('From').fill('2026-06-30');
  await page.getByLabel('To (inclusive)').fill('2026-06-01');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'from:' })).toHaveText('from: 2026-06-30 is after to (2026-06-01).');
  await expect(page.getByTestId('statement-download')).toHaveCount(0);
  await shot(page, 'statement-refused-390');
});

test('customers’ emails are masked for partners until the merchant shows them', async ({ browser }) => {
  const owner = await signedIn(browser, 'owner@demo.test');
  const partner = await signedIn(browser, 'partner@demo.test');
  const card = owner.locator('section').filter({ has: owner.getByRole('heading', { name: 'Partner portal' }) });
  const box = card.getByLabel(/Show partners their customers/);
  const save = async (on: boolean) => {
    await owner.goto('/m/demo/settings');
    await box.setChecked(on);
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(card.getByRole('status')).toContainText(on ? 'now see their customers’ emails.' : 'masked');
  };

  await partner.goto('/p/earnings');
  await expect(partner.getByText(/\(b•••@customer\d+\.example\)/).first()).toBeVisible();
  await expect(partner.getByText(/buyer\d+@customer/)).toHaveCount(0);

  await owner.goto('/m/demo/settings');
  await expect(box).not.toBeChecked();
  await bothWidths(owner, 'settings-customer-emails');
  await save(true);
  await partner.reload();
  await expect(partner.getByText(/\(buyer\d+@customer\d+\.example\)/).first()).toBeVisible();
  await shot(partner, 'earnings-emails-shown-1440');

  await save(false);
  await partner.reload();
  await expect(partner.getByText(/buyer\d+@customer/)).toHaveCount(0);
  await owner.goto('/m/demo/audit');
  await expect(owner.getByText('let partners see their customers’ emails whole').first()).toBeVisible();
});
