import { expect, test } from '@playwright/test';
import { postEvent, shot, signedIn, unique, type PostedEntry } from './support';

// The program editor end to end: create a program, give it a second rule and an include/exclude
// scope, let a partner join through the terms in plain words, post a signed order, change the rate,
// post another, and read both entries' "Why?": each names the version of the terms it was paid by.

const WIDE = { width: 1440, height: 900 };
const NARROW = { width: 390, height: 844 };

/** A storefront's signed order (docs/api.md), credited by Pat Partner's seeded link code. */
async function postOrder(baseURL: string, secret: string, lines: { product: string; amount: string }[]): Promise<PostedEntry[]> {
  const answer = await postEvent(baseURL, secret, {
    id: `ord_${unique()}`,
    type: 'order',
    occurredAt: new Date().toISOString(),
    data: { customer: { externalId: `cus_${unique()}`, email: `${unique()}@buyer.test` }, currency: 'USD', lines, partnerCode: 'partner-referral' },
  });
  expect(answer.status).toBe(200);
  return answer.body.entries ?? [];
}

test('a program with a scope and two rules; a rate change pays new orders while the older entry keeps its version', async ({ browser, baseURL }) => {
  const owner = await signedIn(browser, 'owner@demo.test');
  await owner.goto('/m/demo/settings/api');
  await owner.getByRole('button', { name: /(Create|Rotate) the events secret/ }).click();
  const secret = (await owner.getByTestId('revealed-secret').innerText()).trim();

  // create the program with one rule, then open it
  const name = `Scoped referrals ${unique()}`;
  await owner.goto('/m/demo/programs');
  const create = owner.locator('form').filter({ has: owner.getByRole('button', { name: 'Create program' }) });
  await create.getByLabel('Name', { exact: true }).fill(name);
  await create.getByLabel('Approval').selectOption({ label: 'Approve automatically' });
  await create.getByLabel('Reward rule').selectOption({ label: '% of one-time revenue' });
  await create.getByLabel('Percent or amount').fill('10');
  await create.getByRole('button', { name: 'Create program' }).click();
  await expect(owner.getByRole('status')).toContainText('created');
  await owner.getByRole('link', { name, exact: true }).click();
  await expect(owner.getByRole('heading', { name })).toBeVisible();
  const programUrl = owner.url();

  // a second rule, and a scope that includes "pro" and excludes "addon"
  await owner.getByRole('button', { name: '+ Add a reward rule' }).click();
  const second = owner.getByTestId('rule-2');
  await second.getByLabel('Reward').selectOption({ label: 'Fee per order' });
  await second.getByLabel('Amount').fill('2.50');
  await owner.getByLabel('Products to include', { exact: true }).fill('pro');
  await owner.getByLabel('Products to include', { exact: true }).press('Enter');
  await owner.getByLabel('Products to exclude', { exact: true }).fill('addon');
  await owner.getByLabel('Products to exclude', { exact: true }).press('Enter');
  await owner.getByLabel('Public terms').fill('Promote us honestly; no paid search on our brand name.');
  // a wrong value is named under its field and nothing else is lost
  await owner.getByTestId('rule-1').getByLabel('Percent').fill('120');
  await owner.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(owner.getByTestId('rule-1').getByText('a percentage must be at most 100')).toBeVisible();
  await expect(second.getByLabel('Amount')).toHaveValue('2.50');
  await owner.getByTestId('rule-1').getByLabel('Percent').fill('10');
  await owner.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(owner.getByRole('status')).toContainText('Saved as version 2');
  await expect(owner.getByTestId('version-history')).toContainText('Rule 2 added: 2.50 USD for every qualifying order');

  // the partner joins through the join page, which states the terms in plain words
  const joinHref = await owner.getByRole('link', { name: /^\/join\/demo\// }).getAttribute('href');
  const partner = await signedIn(browser, 'partner@demo.test');
  await partner.goto(joinHref!);
  await expect(partner.getByText('10% of qualifying one-time revenue')).toBeVisible();
  await expect(partner.getByText('Only order lines of product “pro” count.')).toBeVisible();
  await expect(partner.getByText('Lines of product “addon” never count.')).toBeVisible();
  await shot(partner, 'programs-join-terms');
  await partner.getByRole('button', { name: 'Apply to this program' }).click();
  await partner.waitForURL(/\/p$/);

  // an order: only the "pro" line counts: 10% of 100 plus the 2.50 fee
  const programId = programUrl.split('/').pop()!;
  const first = (await postOrder(baseURL!, secret, [{ product: 'pro', amount: '100.00' }, { product: 'addon', amount: '40.00' }])).filter((e) => e.programId === programId);
  expect(first.map((e) => e.amount).sort()).toEqual(['10.00', '2.50']);

  // the rate goes up to 15%
  await owner.goto(programUrl);
  await owner.getByTestId('rule-1').getByLabel('Percent').fill('15');
  await owner.getByRole('button', { name: 'Save as version 3' }).click();
  await expect(owner.getByRole('status')).toContainText('Saved as version 3');
  await expect(owner.getByTestId('version-history')).toContainText('Rule 1: 10% of qualifying one-time revenue → 15% of qualifying one-time revenue');
  await shot(owner, 'programs-editor-1440');
  await owner.setViewportSize(NARROW);
  await shot(owner, 'programs-editor-390');
  await owner.setViewportSize(WIDE);

  const later = (await postOrder(baseURL!, secret, [{ product: 'pro', amount: '100.00' }])).filter((e) => e.programId === programId);
  expect(later.map((e) => e.amount).sort()).toEqual(['15.00', '2.50']);

  // the new entry names version 3 and 15%; the older one still names version 2 and 10%
  await owner.goto(`/m/demo/ledger/${later.find((e) => e.rule === 'one_time_share')!.id}`);
  await expect(owner.getByTestId('entry-version')).toHaveText(`Computed with version 3 of ${name} terms: 15% of qualifying one-time revenue.`);
  await owner.goto(`/m/demo/ledger/${first.find((e) => e.rule === 'one_time_share')!.id}`);
  await expect(owner.getByTestId('entry-version')).toHaveText(`Computed with version 2 of ${name} terms: 10% of qualifying one-time revenue.`);
  await shot(owner, 'programs-old-entry-why-1440');
  await owner.setViewportSize(NARROW);
  await shot(owner, 'programs-old-entry-why-390');
  await owner.setViewportSize(WIDE);

  // the version link shows the terms that paid it
  await owner.getByTestId('entry-version').getByRole('link').click();
  await expect(owner.getByTestId('version-banner')).toContainText('Version 2 of 3');
  await expect(owner.getByTestId('terms-summary').first()).toContainText('10% of qualifying one-time revenue');
  await shot(owner, 'programs-version-2');

  // archived: no join page, listed as archived; restored: both back
  await owner.goto(programUrl);
  await owner.getByRole('button', { name: 'Archive program' }).click();
  await expect(owner.getByText(/is archived: it pays nothing on new events/)).toBeVisible();
  expect((await fetch(`${baseURL}${joinHref}`)).status).toBe(404);
  await owner.goto('/m/demo/programs');
  await expect(owner.locator('section').filter({ has: owner.getByRole('link', { name, exact: true }) }).getByText('archived', { exact: true })).toBeVisible();
  await shot(owner, 'programs-list-1440');
  await owner.setViewportSize(NARROW);
  await shot(owner, 'programs-list-390');
  await owner.setViewportSize(WIDE);
  await owner.goto(programUrl);
  await owner.getByRole('button', { name: 'Restore program' }).click();
  await expect(owner.getByText(/is active again/)).toBeVisible();
  expect((await fetch(`${baseURL}${joinHref}`)).status).toBe(200);
});

test('finance reads a program page without the editor', async ({ browser }) => {
  const finance = await signedIn(browser, 'finance@demo.test');
  await finance.goto('/m/demo/programs');
  await expect(finance.getByText('Read-only for the finance role.')).toBeVisible();
  await finance.getByRole('link', { name: 'Customer referrals', exact: true }).click();
  await expect(finance.getByText('Read-only for the finance role.')).toBeVisible();
  await expect(finance.getByTestId('terms-summary')).toBeVisible();
  await expect(finance.getByRole('button', { name: /Save as version/ })).toHaveCount(0);
  await expect(finance.getByRole('button', { name: 'Archive program' })).toHaveCount(0);
  await shot(finance, 'programs-finance-1440');
  await finance.setViewportSize(NARROW);
  await shot(finance, 'programs-finance-390');
});
