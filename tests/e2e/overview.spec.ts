import { expect, test, type Page } from '@playwright/test';
import { shot, signedIn } from './support';

// The console overview on the demo workspace as its owner, at 1440 and 390 px: money first and
// linked to the ledger, the same figures as the payouts page, charts with their numbers, the
// period picker in the URL, top partners linking to their pages; no errors, no sideways scroll.

function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

const number = (text: string) => Number(text.replace(/[^0-9.-]/g, ''));

for (const width of [1440, 390]) {
  test(`overview at ${width} px`, async ({ browser }) => {
    const page = await signedIn(browser, 'owner@demo.test', width);
    const errors = watchErrors(page);
    await page.goto('/m/demo');
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

    // money first: USD and points, four buckets each, every figure a link to the filtered ledger
    for (const unit of ['USD', 'points']) {
      for (const bucket of ['pending', 'payable', 'processing', 'paid']) {
        await expect(page.getByTestId(`money-${unit}-${bucket}`)).toHaveAttribute('href', `/m/demo/ledger?status=${bucket}&unit=${unit}`);
      }
    }
    const payable = (await page.getByTestId('money-USD-payable').textContent())!.trim();
    const paid = (await page.getByTestId('money-USD-paid').textContent())!.trim();
    expect(number(paid)).toBeGreaterThan(0);

    // charts: one per reward unit, revenue, customers, clicks, each drawn and each with its numbers
    for (const id of ['chart-rewards-USD', 'chart-rewards-points', 'chart-revenue', 'chart-customers', 'chart-clicks']) {
      await expect(page.getByTestId(id).locator('svg.recharts-surface').first()).toBeVisible();
    }
    await expect(page.getByTestId('overview-period')).toContainText('12 weeks');
    const clicks = page.getByTestId('chart-clicks');
    await clicks.getByText('Show the numbers').click();
    const rows = clicks.locator('tbody tr');
    await expect(rows).toHaveCount(12);
    const perWeek = await clicks.locator('tbody td').allTextContents();
    const total = (await page.getByTestId('chart-clicks-total').textContent())!;
    expect(perWeek.reduce((s, v) => s + number(v), 0)).toBe(number(total.replace('period total:', '')));
    expect(number(total.replace('period total:', ''))).toBeGreaterThan(0);
    await expect(page.getByTestId('top-by-rewards').locator('li').first()).toBeVisible();
    await expect(page.getByTestId('top-by-revenue').locator('li').first()).toBeVisible();

    await shot(page, `overview-${width}`);
    expect(errors).toEqual([]);
    if (width < 640) {
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(client);
    }

    // the same money as the payouts page shows
    await page.goto('/m/demo/payouts');
    await expect(page.getByTestId('USD-payable')).toHaveText(payable);
    await expect(page.getByTestId('USD-paid')).toHaveText(paid);
  });
}

test('overview period picker, links to the ledger and to partners', async ({ browser }) => {
  const page = await signedIn(browser, 'owner@demo.test');
  const errors = watchErrors(page);
  await page.goto('/m/demo');

  await page.getByRole('link', { name: 'Last 4 weeks' }).click();
  await page.waitForURL(/\?period=4w$/);
  await expect(page.getByRole('link', { name: 'Last 4 weeks' })).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('overview-period')).toContainText('4 weeks');
  await expect(page.getByTestId('chart-clicks').locator('tbody tr')).toHaveCount(4);

  await page.getByRole('link', { name: 'Last 26 weeks' }).click();
  await page.waitForURL(/\?period=26w$/);
  await expect(page.getByTestId('chart-revenue').locator('tbody tr')).toHaveCount(26);
  // hovering a week shows its exact figure, as formatted in the table
  const revenue = page.getByTestId('chart-revenue');
  await revenue.locator('.recharts-bar-rectangle').nth(20).hover();
  const tooltip = revenue.locator('.recharts-tooltip-wrapper');
  await expect(tooltip).toContainText('Week of');
  const week = (await tooltip.locator('p').first().textContent())!.replace('Week of ', '');
  const row = revenue.locator('tbody tr', { hasText: week });
  await expect(tooltip).toContainText((await row.locator('td').textContent())!);
  await shot(page, 'overview-26w-1440');

  await page.getByLabel('From', { exact: true }).fill('2026-01-05');
  await page.getByLabel('To', { exact: true }).fill('2026-02-01');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/from=2026-01-05&to=2026-02-01/);
  await expect(page.getByTestId('overview-period')).toContainText('5 Jan 2026 – 1 Feb 2026');
  await expect(page.getByTestId('chart-customers').locator('tbody tr')).toHaveCount(4);

  // a hand-edited URL falls back to the default and says why
  await page.goto('/m/demo?from=2026-03-01&to=2026-01-01');
  await expect(page.getByRole('status')).toContainText('starts after it ends');
  await expect(page.getByRole('link', { name: 'Last 12 weeks' })).toHaveAttribute('aria-current', 'true');

  await page.goto('/m/demo');
  await page.getByTestId('money-USD-paid').click();
  await page.waitForURL(/\/m\/demo\/ledger\?status=paid&unit=USD$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Ledger' })).toBeVisible();

  await page.goto('/m/demo');
  const top = page.getByTestId('top-by-revenue').getByRole('link').first();
  const name = (await top.textContent())!.trim();
  await top.click();
  await page.waitForURL(/\/m\/demo\/partners\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  expect(errors).toEqual([]);
});

test('a new workspace: nothing earned yet, how to start, empty weeks as zeros', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  const errors = watchErrors(page);
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill('Nia New');
  await page.getByLabel('Work email').fill(`nia-${Date.now().toString(36)}@shop.test`);
  await page.getByLabel('Password').fill('a-long-password');
  await page.getByLabel('Company or workspace name').fill(`Nia Shop ${Date.now().toString(36)}`);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.waitForURL(/\/m\/nia-shop/);
  await expect(page.getByText('Nothing earned yet')).toBeVisible();
  await expect(page.getByText('Get started')).toBeVisible();
  await expect(page.getByTestId('chart-clicks-total')).toHaveText('period total: 0');
  await expect(page.getByTestId('top-by-revenue')).toContainText('Nobody in this period.');
  await shot(page, 'overview-empty-390');
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
  expect(errors).toEqual([]);
});
