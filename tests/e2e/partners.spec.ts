import { expect, test, type Page } from '@playwright/test';
import { postEvent, shot, signedIn, unique } from './support';

// One partner gets special terms and a coupon in the console; an order carrying that coupon (a
// signed event, as a storefront posts it) pays the partner by those terms, not the program's.

/** What makes the page scroll sideways: elements past the viewport's right edge that no scrolling box clips. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    // a box that scrolls clips its content, except absolutely placed content whose containing block lies outside it
    const clipped = (el: Element) => {
      let absolute = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        const clips = style.overflowX !== 'visible';
        if (absolute && style.position === 'static') continue;
        if (clips) return true;
        absolute = false;
      }
      return false;
    };
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !clipped(el))
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}.${(el.getAttribute('class') ?? '').split(' ').slice(0, 5).join('.')} right=${Math.round(el.getBoundingClientRect().right)}`)
      .concat(`page is ${document.documentElement.scrollWidth} px wide`);
  });
}

test('special terms and a coupon for one partner; an order with the coupon pays by those terms', async ({ browser, baseURL }) => {
  const owner = await signedIn(browser, 'owner@demo.test');
  await owner.goto('/m/demo/settings/api');
  await owner.getByRole('button', { name: /(Create|Rotate) the events secret/ }).click();
  const secret = (await owner.getByTestId('revealed-secret').innerText()).trim();

  // find the partner through the directory's search and filters
  await owner.goto('/m/demo/partners');
  await owner.getByLabel('Search name or email').fill('northwind');
  await owner.getByLabel('Category').selectOption({ label: 'Agencies' });
  await owner.getByRole('button', { name: 'Filter' }).click();
  await expect(owner).toHaveURL(/q=northwind/);
  await expect(owner).toHaveURL(/category=agency/);
  await expect(owner.getByRole('row')).toHaveCount(2);
  await shot(owner, 'partners-list-filtered-1440');
  await owner.getByRole('link', { name: /Northwind Studio/ }).click();
  await expect(owner.getByRole('heading', { name: 'Northwind Studio' })).toBeVisible();

  // special terms in Agency partners: 42.50 per order and 12% of one-time revenue, instead of 20% recurring / 10% one-time
  const enrollment = owner.getByTestId('enrollment-Agency partners');
  await expect(enrollment.getByTestId('terms-in-force')).toContainText('20% of qualifying recurring revenue');
  await enrollment.getByText('Edit terms for this partner').click();
  await enrollment.getByLabel('Special terms for this partner').check();
  const first = enrollment.getByTestId('rule-1');
  await first.getByLabel('Reward').selectOption('per_order');
  await first.getByLabel('Amount').fill('42.50');
  const second = enrollment.getByTestId('rule-2');
  await second.getByLabel('Percent').fill('12');
  await enrollment.getByRole('button', { name: 'Save terms' }).click();
  await expect(enrollment.getByRole('status')).toContainText('Special terms saved');
  await expect(enrollment.getByTestId('terms-in-force')).toContainText('42.50 USD for every qualifying order');
  await expect(enrollment.getByTestId('terms-in-force')).toContainText('12% of qualifying one-time revenue');

  // a coupon: a taken code is refused on its field and what was typed stays; then a free one
  const coupons = owner.getByTestId('partner-coupons');
  await owner.getByLabel('Code', { exact: true }).fill('pat10');
  await owner.getByRole('button', { name: 'Create coupon' }).click();
  await expect(owner.getByText('is already used in this workspace', { exact: true })).toBeVisible();
  await expect(owner.getByLabel('Code', { exact: true })).toHaveValue('pat10');
  const code = `NW-${unique()}`.toUpperCase();
  await owner.getByLabel('Code', { exact: true }).fill(code.toLowerCase());
  await owner.getByRole('button', { name: 'Create coupon' }).click();
  await expect(owner.getByText(`Coupon ${code} created in Agency partners.`)).toBeVisible();
  await expect(coupons.getByRole('row', { name: new RegExp(code) })).toContainText('active');

  // the storefront posts an order carrying the coupon in lower case
  const orderId = `order-${unique()}`;
  const answer = await postEvent(baseURL!, secret, {
    id: orderId, type: 'order', occurredAt: new Date().toISOString(),
    data: { customer: { externalId: `cust-${unique()}` }, currency: 'USD', coupons: [code.toLowerCase()], lines: [{ product: 'onboarding', category: 'services', amount: '450.00' }] },
  });
  expect(answer.status).toBe(200);
  expect(answer.body.entries?.map((e) => `${e.rule} ${e.amount} ${e.unit}`).sort()).toEqual(['one_time_share 54.00 USD', 'per_order 42.50 USD']);

  // the partner page's ledger shows both entries of that order, each with its "Why?"
  await owner.reload();
  const ledger = owner.getByRole('region', { name: 'Ledger entries' });
  const orderRows = ledger.getByRole('row').filter({ hasText: orderId });
  await expect(orderRows).toHaveCount(2);
  await expect(orderRows.filter({ hasText: 'per order' })).toContainText('42.50');
  await expect(orderRows.filter({ hasText: 'one time share' })).toContainText('54.00');
  await expect(owner.getByTestId('partner-customers')).toContainText('100%');
  await shot(owner, 'partners-special-terms-coupon-1440');

  // at 390 px the same page reads without sideways scrolling of the page
  const narrow = await signedIn(browser, 'owner@demo.test', 390);
  await narrow.goto('/m/demo/partners?status=pending');
  await expect(narrow.getByRole('button', { name: 'Approve' }).first()).toBeVisible();
  expect(await overflow(narrow)).toEqual([]);
  await shot(narrow, 'partners-list-pending-390');
  await narrow.goto(owner.url());
  await expect(narrow.getByRole('heading', { name: 'Northwind Studio' })).toBeVisible();
  expect(await overflow(narrow)).toEqual([]);
  await shot(narrow, 'partners-special-terms-coupon-390');

  await orderRows.filter({ hasText: 'per order' }).getByRole('link', { name: 'Why?' }).click();
  await expect(owner).toHaveURL(/\/m\/demo\/ledger\/[0-9a-f-]+$/);
  await expect(owner.getByText('42.50').first()).toBeVisible();

  // disabling the coupon: the next order with it credits no one
  await owner.goBack();
  await owner.getByRole('button', { name: `Disable ${code}` }).click();
  await expect(coupons.getByRole('row', { name: new RegExp(code) })).toContainText('disabled');
  const later = await postEvent(baseURL!, secret, {
    id: `order-${unique()}`, type: 'order', occurredAt: new Date().toISOString(),
    data: { customer: { externalId: `cust-${unique()}` }, currency: 'USD', coupons: [code], lines: [{ product: 'onboarding', category: 'services', amount: '450.00' }] },
  });
  expect(later.status).toBe(200);
  expect(later.body.entries).toEqual([]);
});

test('a suspension with a reason is read by the partner in the portal, and is gone once reinstated', async ({ browser }) => {
  const owner = await signedIn(browser, 'owner@demo.test');
  await owner.goto('/m/demo/partners?q=partner%40demo.test');
  await owner.getByRole('link', { name: /Pat Partner/ }).click();
  const patAgency = owner.getByTestId('enrollment-Agency partners');
  const reason = 'Paused while we review last month’s traffic.';
  await patAgency.getByLabel('Reason (optional, shown to the partner)').fill(reason);
  await patAgency.getByRole('button', { name: 'Suspend' }).click();
  await expect(patAgency.getByRole('status')).toContainText('Enrollment suspended.');
  await expect(patAgency.getByLabel('Reason (optional, shown to the partner)')).toHaveValue('');

  const partner = await signedIn(browser, 'partner@demo.test', 390);
  await partner.goto('/p');
  // the dashboard's programs table (its traffic table names the program too)
  const row = partner.getByTestId('enrollments').getByRole('row').filter({ hasText: 'Agency partners' });
  await expect(row).toContainText('suspended');
  await expect(row.getByTestId('enrollment-reason')).toHaveText(reason);
  await shot(partner, 'partners-portal-reason-390');

  // reinstated: the newest decision carries no reason, so the portal shows none
  await patAgency.getByRole('button', { name: 'Reinstate' }).click();
  await expect(patAgency.getByRole('status')).toContainText('Enrollment approved.');
  await partner.reload();
  await expect(partner.getByTestId('enrollments').getByRole('row').filter({ hasText: 'Agency partners' }).getByTestId('enrollment-reason')).toHaveCount(0);
});

test('an application is rejected with a reason shown on the partner page; finance sees the page read-only', async ({ browser }) => {
  const owner = await signedIn(browser, 'owner@demo.test');
  await owner.goto('/m/demo/partners?status=pending');
  await owner.getByRole('link', { name: /Ana Lopez/ }).click();
  const agency = owner.getByTestId('enrollment-Agency partners');
  await agency.getByLabel('Reason (optional, shown to the partner)').fill('We work with agencies that have two client references.');
  await agency.getByRole('button', { name: 'Reject' }).click();
  await expect(agency.getByRole('status')).toContainText('Enrollment rejected.');
  await expect(agency).toContainText('We work with agencies that have two client references.');
  await shot(owner, 'partners-decision-reason');

  const finance = await signedIn(browser, 'finance@demo.test', 390);
  await finance.goto(owner.url());
  await expect(finance.getByTestId('read-only-notice')).toHaveText('Read-only for the finance role.');
  await expect(finance.getByRole('button', { name: 'Create coupon' })).toHaveCount(0);
  await expect(finance.getByRole('button', { name: /Approve|Reject|Suspend/ })).toHaveCount(0);
  expect(await overflow(finance)).toEqual([]);
  await shot(finance, 'partners-finance-read-only-390');
});
