import { expect, test } from '@playwright/test';
import { bothWidths, collectErrors, postEvent, signedIn, unique } from './support';

// The partner portal's rewards and bonuses, as partner@demo.test (Pat Partner): every reward a
// sentence without engine words, its "Why?" page, and a performance pool the merchant runs for
// Pat's programs with a closed quarter and the quarter under way. Screenshots at 1440 and 390 px.

const ENGINE_WORDS = /recurring_share|one_time_share|per_customer|per_order|last_touch|first_touch|position_based|equal_split|coupon_override|largest.remainder|half-up|program rule|rule #|share \d|binding|attribution/i;

test('a partner reads its rewards in plain words and its bonus progress', async ({ browser, baseURL }) => {
  // the merchant: an order through Pat's partner code, and a pool over Pat's two USD programs
  const owner = await signedIn(browser, 'owner@demo.test');
  await owner.goto('/m/demo/settings/api');
  await owner.getByRole('button', { name: /(Create|Rotate) the events secret/ }).click();
  const secret = (await owner.getByTestId('revealed-secret').innerText()).trim();
  const customer = `jane-${unique()}`;
  const orderId = `ord-${unique()}`;
  const posted = await postEvent(baseURL!, secret, {
    id: orderId, type: 'order', occurredAt: new Date(Date.now() - 60_000).toISOString(),
    data: { customer: { externalId: customer, email: `${customer}@acme.test` }, currency: 'USD', partnerCode: 'partner-referral', lines: [{ product: 'onboarding', category: 'services', amount: '450.00' }] },
  });
  expect(posted.status).toBe(200);
  expect(posted.body.entries?.length).toBeGreaterThan(0);

  const poolName = `Partner growth ${unique()}`;
  await owner.goto('/m/demo/pools');
  const form = owner.locator('form').filter({ has: owner.getByRole('button', { name: 'Create pool' }) });
  await form.getByLabel('Pool name').fill(poolName);
  await form.getByLabel('Bonus amount per period').fill('1000');
  await form.getByLabel('Goal (credited revenue in USD)').fill('100');
  await form.getByLabel('Agency partners').check();
  await form.getByLabel('Customer referrals').check();
  await form.getByRole('button', { name: 'Create pool' }).click();
  await expect(owner.getByRole('status')).toHaveText(`Pool “${poolName}” created.`);
  await owner.locator('section').filter({ has: owner.getByRole('heading', { name: poolName }) }).getByRole('link', { name: /Progress, closing and settings/ }).click();
  await expect(owner.getByRole('heading', { name: poolName, level: 1 })).toBeVisible();
  const period = (await owner.getByLabel('Period to close').locator('option').allTextContents())[0];
  await owner.getByLabel('Period to close').selectOption(period);
  await owner.getByRole('button', { name: 'Preview the closing' }).click();
  await owner.getByTestId('closing-preview').getByRole('button', { name: `Close ${period} and pay these bonuses` }).click();
  await expect(owner.getByRole('status')).toContainText(`${period} is closed`);

  // the partner
  const page = await signedIn(browser, 'partner@demo.test');
  const errors = collectErrors(page);
  await page.goto('/p/earnings');
  await expect(page.getByRole('heading', { name: 'Earnings', level: 1 })).toBeVisible();
  const sentences = page.getByTestId('reward-sentence');
  await expect(sentences.first()).toBeVisible();
  // the new order's reward, newest first: its sentence names the order and masks the email
  const fresh = page.getByRole('row').filter({ hasText: `order ${orderId}` }).filter({ hasText: 'new-customer fee' });
  await expect(fresh.getByTestId('reward-sentence')).toHaveText(
    new RegExp(`^A 50\\.00 USD new-customer fee for order ${orderId} \\(j•••@acme\\.test\\); you were the last partner to refer this customer \\(your partner code “partner-referral” on the order\\); payable from \\d+ \\w{3} \\d{4}$`),
  );
  expect(await page.locator('main').innerText()).not.toMatch(ENGINE_WORDS);
  expect(await page.locator('main').innerText()).not.toContain(`${customer}@acme.test`);
  await bothWidths(page, 'portal-earnings');

  await fresh.getByRole('link', { name: 'Why?' }).click();
  await expect(page.getByTestId('reward-headline')).toContainText(`new-customer fee for order ${orderId}`);
  await expect(page.getByTestId('explain-credit')).toContainText('Your partner code “partner-referral” on the order');
  await expect(page.getByTestId('explain-payable')).toContainText('The merchant waits 30 days after the order');
  expect(await page.locator('main').innerText()).not.toMatch(ENGINE_WORDS);
  await bothWidths(page, 'portal-reward-why');

  // a refund's reward, if Pat has one, says which refund caused it
  await page.goto('/p/earnings?sort=createdAt&dir=asc');
  const refundRow = page.getByRole('row').filter({ has: page.getByText('refund', { exact: true }) }).first();
  if (await refundRow.count()) {
    await expect(refundRow.getByTestId('reward-sentence')).toHaveText(/^Order \S+ was refunded .+ on \d+ \w{3} \d{4}, so [\d,.]+ \S+ of your .+ was reversed$/);
    await refundRow.getByRole('link', { name: 'Why?' }).click();
    await expect(page.getByTestId('explain-refund')).toContainText('Your original reward');
    await bothWidths(page, 'portal-refund-why');
  }

  await page.getByRole('navigation').getByRole('link', { name: 'Bonuses' }).first().click();
  await expect(page).toHaveURL(/\/p\/bonuses$/);
  await expect(page.getByRole('heading', { name: 'Bonuses', level: 1 })).toBeVisible();
  // the pool's own card: the merchant's section around it holds every pool of that merchant
  const card = page.locator('section').filter({ has: page.getByRole('heading', { name: poolName }) }).last();
  await expect(card.getByTestId('bonus-progress')).toHaveText(/^Revenue you referred this quarter: [\d,.-]+ USD of the 100\.00 USD goal — you qualify (so far|once you are above the goal); .+; the 1,000\.00 USD pool is shared among the partners above the goal by their revenue\.$/);
  // one bar (Pat's own) and the goal line; no other partner's name on the chart
  const chart = card.getByTestId('pool-progress-chart');
  await expect(chart.locator('.recharts-reference-line line')).toHaveCount(1);
  await expect(chart).toContainText('goal 100.00 USD');
  await expect(chart.locator('.recharts-bar-rectangle')).toHaveCount(1);
  await expect(chart).not.toContainText('Northwind');
  const history = card.getByTestId('bonus-history');
  await expect(history.getByRole('row').filter({ hasText: period })).toContainText(/You referred [\d,.-]+ USD of revenue, (above|not above) the 100\.00 USD goal/);
  await bothWidths(page, 'portal-bonuses');

  const why = history.getByRole('row').filter({ hasText: period }).getByRole('link', { name: 'Why?' });
  if (await why.count()) {
    await why.click();
    await expect(page.getByTestId('reward-headline')).toContainText(`${poolName}, ${period}: you referred`);
    expect(await page.locator('main').innerText()).not.toMatch(ENGINE_WORDS);
    await bothWidths(page, 'portal-bonus-why');
  }
  expect(errors).toEqual([]);
});
