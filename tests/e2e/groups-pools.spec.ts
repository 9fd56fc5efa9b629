import { expect, test, type Page } from '@playwright/test';

// Program groups and performance pools from the console, on the seeded demo workspace. Each journey
// ends in screenshots at 1440 and 390 px wide.

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

/** Fails the test on any error the page logs (a CSP violation, a hydration error, a failed chart). */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function bothWidths(page: Page, name: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('an owner builds a group of two programs and reorders its tiers', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'owner@demo.test');
  await page.goto('/m/demo/groups');
  await expect(page.getByRole('heading', { name: 'Reseller tiers' })).toBeVisible();
  // the demo's two programs in no common partner's hands, so other journeys' payouts stay as seeded
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create group' }) });
  await form.getByLabel('Group name').fill('Creators and implementers');
  await form.getByLabel('Which program pays').selectOption({ label: 'Larger reward pays' });
  const add = form.getByLabel('Add a program');
  await expect(add.locator('option', { hasText: 'Reseller Gold (in Reseller tiers)' })).toBeDisabled();
  await add.selectOption({ label: 'Affiliate points' });
  await form.getByRole('button', { name: 'Add as lowest tier' }).click();
  await add.selectOption({ label: 'Implementation partners' });
  await form.getByRole('button', { name: 'Add as lowest tier' }).click();
  await expect(form.getByTestId('group-words')).toContainText("A partner in Affiliate points and Implementation partners is paid by whichever program's reward is larger (compared in USD), Affiliate points on a tie");
  await form.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('status')).toHaveText('Group “Creators and implementers” created with 2 programs.');
  const card = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Creators and implementers' }) });
  await expect(card.getByRole('listitem')).toHaveText([/#1 Affiliate points/, /#2 Implementation partners/]);

  await card.getByRole('link', { name: /Edit name, strategy and tiers/ }).click();
  await expect(page.getByRole('heading', { name: 'Creators and implementers', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Move Implementation partners up' }).click();
  await page.getByLabel('Which program pays').selectOption({ label: 'Best rank pays' });
  await expect(page.getByTestId('group-words')).toContainText('A partner in Implementation partners and Affiliate points is paid by Implementation partners only.');
  await page.getByRole('button', { name: 'Save group' }).click();
  await expect(page.getByRole('status')).toContainText('saved: 2 programs in rank order');
  const tiers = page.getByRole('list', { name: 'Tiers in rank order' });
  await expect(tiers.getByRole('listitem')).toHaveText([/#1 Implementation partners/, /#2 Affiliate points/]);
  await page.reload();
  await expect(tiers.getByRole('listitem')).toHaveText([/#1 Implementation partners/, /#2 Affiliate points/]);
  await expect(page.getByTestId('tiers').getByRole('listitem').first()).toContainText('Implementation partners');
  await bothWidths(page, 'group-reordered');
  await page.goto('/m/demo/groups');
  await bothWidths(page, 'groups');
  expect(errors).toEqual([]);
});

test('an owner creates a pool, previews a past quarter and closes it', async ({ page }) => {
  const errors = collectErrors(page);
  await signIn(page, 'owner@demo.test');
  await page.goto('/m/demo/pools');
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create pool' }) });
  await form.getByLabel('Pool name').fill('Agency growth bonus');
  await form.getByLabel('Bonus amount per period').fill('1000.005');
  await form.getByLabel('Goal (credited revenue in USD)').fill('100');
  await form.getByLabel('Agency partners').check();
  await form.getByLabel('Customer referrals').check();
  await form.getByRole('button', { name: 'Create pool' }).click();
  // a refused form names the field and keeps what was typed
  await expect(form.getByText('USD has at most 2 decimals')).toBeVisible();
  await expect(form.getByLabel('Pool name')).toHaveValue('Agency growth bonus');
  await expect(form.getByLabel('Agency partners')).toBeChecked();
  await form.getByLabel('Bonus amount per period').fill('1000');
  await form.getByRole('button', { name: 'Create pool' }).click();
  await expect(page.getByRole('status')).toHaveText('Pool “Agency growth bonus” created.');
  await bothWidths(page, 'pools');

  const card = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Agency growth bonus' }) });
  await card.getByRole('link', { name: /Progress, closing and settings/ }).click();
  await expect(page.getByRole('heading', { name: 'Agency growth bonus', level: 1 })).toBeVisible();
  await expect(page.getByTestId('pool-progress-chart').locator('.recharts-reference-line line')).toHaveCount(1);
  await expect(page.getByTestId('pool-progress-chart')).toContainText('goal 100.00 USD');

  // the period field offers only closable periods: the newest ended quarter first
  const periodSelect = page.getByLabel('Period to close');
  const offered = await periodSelect.locator('option').allTextContents();
  expect(offered.length).toBeGreaterThan(0);
  for (const p of offered) expect(p).toMatch(/^\d{4}-Q[1-4]$/);
  const period = offered[0];
  await periodSelect.selectOption(period);
  await page.getByRole('button', { name: 'Preview the closing' }).click();
  await expect(page).toHaveURL(new RegExp(`period=${period}`));
  const preview = page.getByTestId('closing-preview');
  await expect(preview.getByRole('heading', { name: `Preview: closing ${period}` })).toBeVisible();
  await expect(preview.getByTestId('pool-standings').getByRole('listitem').first()).toContainText(/is (not )?above the goal of 100\.00 USD/);
  await bothWidths(page, 'pool-closing-preview');

  await preview.getByRole('button', { name: `Close ${period} and pay these bonuses` }).click();
  // the preview gives way to the closing's confirmation
  await expect(page.getByRole('status')).toContainText(new RegExp(`^${period} is closed \\(on \\d{1,2} [A-Z][a-z]{2} \\d{4}\\): (\\d+ partners? qualified|nobody was above the goal)`));
  await expect(page.getByTestId('closing-preview')).toHaveCount(0);
  const closed = page.getByRole('region', { name: `Closed ${period}` });
  await expect(closed).toBeVisible();
  // closed: no longer offered
  await page.goto(page.url().replace(/\?.*$/, ''));
  await expect(page.getByRole('region', { name: `Closed ${period}` })).toBeVisible();
  await expect(page.getByLabel('Period to close').locator('option', { hasText: period })).toHaveCount(0);
  await bothWidths(page, 'pool-closed');
  expect(errors).toEqual([]);
});

test('finance closes periods but sees group and pool settings read-only', async ({ page }) => {
  await signIn(page, 'finance@demo.test');
  await page.goto('/m/demo/groups');
  await expect(page.getByTestId('read-only-notice')).toHaveText('Read-only for the finance role.');
  await expect(page.getByRole('button', { name: 'Create group' })).toHaveCount(0);
  await page.goto('/m/demo/pools');
  await page.getByRole('link', { name: /Progress, closing/ }).first().click();
  await expect(page.getByTestId('read-only-notice')).toHaveText('Read-only for the finance role.');
  await expect(page.getByRole('button', { name: 'Save pool' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Closed periods' })).toBeVisible();
  await bothWidths(page, 'pool-finance');
});
