import { expect, test, type Page } from '@playwright/test';
import { postEvent, shot, signedIn, unique } from './support';

// Customers, events and the ledger from the merchant's side: a customer bound by hand (with the
// reason repeated in its next reward), and events and entries explained in plain words.

/** Both widths of a page: the desktop console and a 390 px phone, each a full-page screenshot. */
async function shotBothWidths(page: Page, name: string) {
  await shot(page, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('a customer is bound by hand with a reason, and its next reward says so', async ({ browser, baseURL }) => {
  const owner = await signedIn(browser, 'owner@demo.test');
  await owner.goto('/m/demo/settings/api');
  await owner.getByRole('button', { name: /(Create|Rotate) the events secret/ }).click();
  const secret = (await owner.getByTestId('revealed-secret').innerText()).trim();

  // a first order with no partner signal: the customer exists, nobody is credited
  const customer = `fair-${unique()}`;
  const first = await postEvent(baseURL!, secret, {
    id: `order-${unique()}`, type: 'order', occurredAt: new Date(Date.now() - 60_000).toISOString(),
    data: { customer: { externalId: customer, email: `${customer}@buyer.test` }, currency: 'USD', lines: [{ product: 'cloud-pro', plan: 'monthly', category: 'subscription', amount: '99.00', recurring: true }] },
  });
  expect(first).toMatchObject({ status: 200, body: { entries: [] } });

  await owner.goto(`/m/demo/customers?q=${customer}`);
  await owner.getByRole('link', { name: customer }).click();
  await expect(owner.getByRole('heading', { name: `Customer ${customer}` })).toBeVisible();
  await expect(owner.getByTestId('customer-bindings')).toHaveCount(0);

  // no reason: the field says so and the choices stay
  await owner.getByLabel('Program').selectOption({ label: 'Customer referrals' });
  await owner.getByLabel('Partner').selectOption({ label: 'Ana Lopez' });
  await owner.getByRole('button', { name: 'Bind by hand' }).click();
  await expect(owner.getByText('is required: say why this customer belongs to the partner')).toBeVisible();
  await expect(owner.getByLabel('Program').locator('option:checked')).toHaveText('Customer referrals');
  await expect(owner.getByLabel('Partner').locator('option:checked')).toHaveText('Ana Lopez');

  await owner.getByLabel('Reason').fill('signed at the trade fair');
  await owner.getByRole('button', { name: 'Bind by hand' }).click();
  await expect(owner.getByRole('status')).toContainText('Customer bound by hand');
  const binding = owner.getByTestId('customer-bindings');
  await expect(binding).toContainText('Customer referrals');
  await expect(binding).toContainText('Ana Lopez (100%)');
  await expect(owner.getByTestId('binding-reason')).toContainText('by owner@demo.test: “signed at the trade fair”');
  // bound now, so the button offers to change the binding
  await expect(owner.getByRole('button', { name: 'Change the binding' })).toBeVisible();
  await shotBothWidths(owner, 'customer-bound-by-hand');

  // the next order pays Ana by the binding, and its explanation repeats the reason
  const orderId = `order-${unique()}`;
  const next = await postEvent(baseURL!, secret, {
    id: orderId, type: 'order', occurredAt: new Date().toISOString(),
    data: { customer: { externalId: customer }, currency: 'USD', lines: [{ product: 'onboarding', category: 'services', amount: '1000.00' }] },
  });
  expect(next.status).toBe(200);
  expect(next.body.entries?.map((e) => `${e.rule} ${e.amount}`).sort()).toEqual(['one_time_share 50.00', 'per_customer 50.00']);

  await owner.reload();
  await owner.getByTestId('customer-events').getByRole('link', { name: orderId }).click();
  await expect(owner.getByRole('heading', { name: `Order ${orderId}` })).toBeVisible();
  await expect(owner.getByText(/The customer was bound by hand on .* by owner@demo\.test: “signed at the trade fair”/).first()).toBeVisible();
  await expect(owner.getByTestId('event-entries')).toContainText('Ana Lopez');
  await expect(owner.getByTestId('event-entries')).toContainText('50.00');
  await shotBothWidths(owner, 'event-after-manual-binding');

  // finance reads the same customer without the form
  const finance = await signedIn(browser, 'finance@demo.test');
  await finance.goto(`/m/demo/customers?q=${customer}`);
  await finance.getByRole('link', { name: customer }).click();
  await expect(finance.getByText('Read-only for the finance role.')).toBeVisible();
  await expect(finance.getByRole('button', { name: /Bind by hand|Change the binding/ })).toHaveCount(0);
  await expect(finance.getByTestId('binding-reason')).toContainText('signed at the trade fair');
});

test('events and ledger entries explain themselves in plain words', async ({ browser }) => {
  const owner = await signedIn(browser, 'owner@demo.test');

  // the ledger's filters live in the URL: refunds' reversals of one program
  await owner.goto('/m/demo/ledger');
  const filters = owner.getByTestId('ledger-filters');
  await filters.getByLabel('Kind').selectOption('commission');
  await filters.getByLabel('Program').selectOption({ label: 'Affiliate points' });
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(owner).toHaveURL(/kind=commission/);
  await expect(owner).toHaveURL(/program=[0-9a-f-]{36}/);
  await expect(owner.getByRole('row').nth(1)).toContainText('Affiliate points');
  await expect(filters.getByLabel('Kind')).toHaveValue('commission');
  await shotBothWidths(owner, 'ledger-filtered');

  // an order's page: the signals it carried, who got credit and why, the rule with its rounding
  await owner.getByRole('row').nth(1).getByRole('link').first().click();
  await expect(owner).toHaveURL(/\/m\/demo\/events\/[0-9a-f-]{36}$/);
  await expect(owner.getByTestId('explain-summary')).toContainText(/ledger entr(y|ies) written/);
  await expect(owner.getByTestId('explain-signals')).toBeVisible();
  await expect(owner.getByText(/Model: position based/).first()).toBeVisible();
  await expect(owner.getByText(/of the credit\./).first()).toBeVisible();
  await expect(owner.getByText(/10% of qualifying one-time revenue/).first()).toBeVisible();
  await expect(owner.getByTestId('order-lines')).toBeVisible();
  await shotBothWidths(owner, 'event-order-explained');

  // its entry's Why? page uses the same words, never raw JSON
  await owner.getByTestId('event-entries').getByRole('row').filter({ hasText: 'Affiliate points' }).first().getByRole('link', { name: 'Why?' }).click();
  await expect(owner.getByTestId('explain-attribution')).toContainText('Model: position based');
  await expect(owner.getByTestId('explain-rule')).toContainText('Rule 1 of the program');
  await expect(owner.getByText('Raw explanation (JSON)')).toHaveCount(0);
  await shotBothWidths(owner, 'entry-why-commission');

  // a refund's page says what it reversed or clawed back (the demo has one or the other or both)
  await owner.goto('/m/demo/ledger');
  await filters.getByLabel('Kind').selectOption('reversal');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(owner).toHaveURL(/kind=reversal/);
  if ((await owner.getByText('No entry matches these filters').count()) > 0) await owner.goto('/m/demo/ledger?kind=clawback');
  await owner.getByRole('row').nth(1).getByRole('link').first().click();
  await expect(owner.getByRole('heading', { name: /^Refund / })).toBeVisible();
  await expect(owner.getByTestId('explain-refund')).toContainText(/(Reversal|Clawback) of -[\d,.]+ USD for /);
  await expect(owner.getByTestId('explain-refund')).toContainText('refunded so far');
  await shotBothWidths(owner, 'event-refund-explained');

  // a pool bonus: the pool, period, metric, every partner's contribution and this one's share
  await owner.goto('/m/demo/ledger?kind=bonus');
  await owner.getByRole('row').nth(1).getByRole('link', { name: 'Why?' }).click();
  await expect(owner.getByTestId('explain-pool')).toContainText('Quarterly reseller bonus was closed for');
  await expect(owner.getByTestId('explain-pool')).toContainText('in proportion to their metric');
  await expect(owner.getByTestId('explain-standings')).toContainText(/above the goal — bonus [\d,]+\.\d\d/);
  await shotBothWidths(owner, 'entry-why-bonus');

  // the events list links every row to its page
  await owner.goto('/m/demo/events?type=milestone');
  await owner.getByRole('link', { name: 'Explain' }).first().click();
  await expect(owner.getByRole('heading', { name: /^Milestone / })).toBeVisible();
  await expect(owner.getByText(/bound by hand on/).first()).toBeVisible();
  await shot(owner, 'event-milestone-explained-1440');

  // the partner portal reads the same words, other partners kept anonymous
  const partner = await signedIn(browser, 'partner@demo.test');
  await partner.goto('/p/earnings');
  await partner.getByRole('link', { name: 'Why?' }).first().click();
  // (the portal's own builders, lib/explain/partner-*: its words, not the console's)
  await expect(partner.getByTestId('reward-headline')).toBeVisible();
  await expect(partner.getByTestId('reward-headline')).not.toContainText(/recurring_share|one_time_share|per_order|rule #|share \d/);
  await expect(partner.getByRole('heading', { name: 'Your reward' })).toBeVisible();
  await shot(partner, 'portal-entry-why-1440');
});
