import { expect, test, type Page } from '@playwright/test';
import { shot, signedIn, unique } from './support';

// The audit log as the people who read it: the owner changes two settings and finds both changes
// at the top of the log in words, with their before and after; finance reads the same log on a
// phone, filters it to one kind and opens one record's history.

async function saveDomains(page: Page, domains: string) {
  await page.goto('/m/demo/settings/tracking');
  await page.getByLabel('Allowed destination domains').fill(domains);
  await page.getByRole('button', { name: 'Save domains' }).click();
  await expect(page.getByRole('status')).toContainText('Links may point to');
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
}

test('the owner’s settings changes appear in the audit log in words, with before and after', async ({ browser }) => {
  const owner = await signedIn(browser, 'owner@demo.test');
  const extra = `audit-${unique()}.example`;
  await owner.goto('/m/demo/settings/tracking');
  const current = (await owner.getByLabel('Allowed destination domains').inputValue()).trim();
  await saveDomains(owner, `${current}\n${extra}`);
  await owner.goto('/m/demo/settings/api');
  const limit = owner.getByLabel('Events per minute');
  const next = (await limit.inputValue()).replace(/\D/g, '') === '7000' ? '7500' : '7000';
  await limit.fill(next);
  await owner.getByRole('button', { name: 'Save the limit' }).click();
  await expect(owner.getByRole('status')).toContainText('events a minute');

  await owner.getByRole('link', { name: 'Audit log' }).click();
  await expect(owner.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  const rows = owner.getByTestId('audit-row');
  await expect(rows.first()).toContainText(`Olivia Owner changed the events limit:`);
  await expect(rows.first()).toContainText(`→ ${Number(next).toLocaleString('en-US')} a minute`);
  const domains = rows.nth(1);
  await expect(domains).toContainText(`Olivia Owner changed the allowed link domains: added ${extra}`);
  await domains.getByText('1 change').click();
  await expect(domains.getByTestId('audit-changes')).toContainText('Allowed domains');
  await expect(domains.getByTestId('audit-changes')).toContainText(`${current}, ${extra}`);
  // the CSV link carries the page's filters
  await expect(owner.getByTestId('audit-csv')).toHaveAttribute('href', '/m/demo/audit/export.csv');
  await shot(owner, 'audit-log-1440');

  // taking the domain away again is its own row
  await saveDomains(owner, current);
  await owner.goto('/m/demo/audit?subject=settings');
  await expect(owner.getByTestId('audit-row').first()).toContainText(`removed ${extra}`);
  await expect(owner.getByTestId('audit-csv')).toHaveAttribute('href', '/m/demo/audit/export.csv?subject=settings');
  await owner.context().close();
});

test('finance reads the log on a phone, filters it to one kind and opens a record’s history', async ({ browser }) => {
  const finance = await signedIn(browser, 'finance@demo.test', 390);
  await finance.goto('/m/demo/audit');
  await expect(finance.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await expect(finance.getByTestId('audit-row').first()).toBeVisible();
  await noSidewaysScroll(finance);
  await shot(finance, 'audit-log-390');

  await finance.getByLabel('Kind').selectOption({ label: 'settings' });
  await finance.getByRole('button', { name: 'Filter' }).click();
  await expect(finance).toHaveURL(/subject=settings/);
  const actions = await finance.getByTestId('audit-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
  expect(actions.length).toBeGreaterThan(0);
  expect(actions.every((a) => a?.startsWith('settings.'))).toBe(true);

  await finance.getByRole('link', { name: 'Its history' }).first().click();
  await expect(finance).toHaveURL(/subjectId=/);
  await expect(finance.getByText('Only the history of')).toBeVisible();
  await noSidewaysScroll(finance);
  await shot(finance, 'audit-history-390');
  await finance.context().close();
});
