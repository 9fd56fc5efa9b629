import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { shot, signedIn } from './support';

// The CSV downloads under the production server: finance downloads the filtered ledger from its
// page (at 1440 and 390 px) and gets exactly the filtered entries; the other exports answer with a
// streamed CSV; the demo partner, who is no member, gets 404 on every one of them.

const parse = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
}

test('finance downloads the filtered ledger from the ledger page, at 1440 and 390 px', async ({ browser }) => {
  const finance = await signedIn(browser, 'finance@demo.test');
  await finance.goto('/m/demo/ledger?kind=commission&unit=USD');
  const link = finance.getByTestId('ledger-export');
  await expect(link).toHaveAttribute('href', '/m/demo/ledger/export.csv?kind=commission&unit=USD');
  await shot(finance, 'ledger-export-1440');
  const [download] = await Promise.all([finance.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^demo-ledger-\d{4}-\d{2}-\d{2}\.csv$/);
  const { data, errors, meta } = parse(readFileSync(await download.path(), 'utf8'));
  expect(errors).toEqual([]);
  expect(meta.fields).toContain('time_utc');
  expect(data.length).toBeGreaterThan(0);
  for (const row of data) {
    expect(row).toMatchObject({ kind: 'commission', unit: 'USD' });
    expect(row.amount).toMatch(/^-?\d+\.\d{2}$/);
  }
  await finance.context().close();

  const phone = await signedIn(browser, 'finance@demo.test', 390);
  await phone.goto('/m/demo/ledger?kind=commission&unit=USD');
  await expect(phone.getByTestId('ledger-export')).toBeVisible();
  await noSidewaysScroll(phone);
  await shot(phone, 'ledger-export-390');
  await phone.context().close();
});

test('every export streams a CSV to finance and answers 404 to a partner', async ({ browser }) => {
  const finance = await signedIn(browser, 'finance@demo.test');
  await finance.goto('/m/demo/payouts');
  const batchHref = await finance.locator('a[href^="/m/demo/payouts/"]').filter({ hasNotText: /preview/i }).evaluateAll((links) =>
    links.map((l) => l.getAttribute('href')!).find((h) => /^\/m\/demo\/payouts\/[0-9a-f-]{36}$/.test(h)),
  );
  expect(batchHref, 'a batch link on the payouts page').toBeTruthy();
  const urls = [
    `${batchHref}/export.csv`, `${batchHref}/export.csv?format=wise`, '/m/demo/ledger/export.csv', '/m/demo/payouts/balances.csv', '/m/demo/audit/export.csv',
  ];
  for (const url of urls) {
    const res = await finance.request.get(url);
    expect(res.status(), url).toBe(200);
    expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="demo-[\w.-]+\.csv"$/);
    expect(parse(await res.text()).errors, url).toEqual([]);
  }
  await finance.context().close();

  const partner = await signedIn(browser, 'partner@demo.test');
  for (const url of urls) expect((await partner.request.get(url)).status(), url).toBe(404);
  await partner.context().close();
});
