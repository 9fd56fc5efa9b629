import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import Papa from 'papaparse';
import Decimal from 'decimal.js';
import { bothWidths, BROWSER_UA, collectErrors, postEvent, signedIn, unique } from './support';

// The partner portal as a new partner meets it (issue 11's journey): apply through a join page to
// a program the merchant reviews, get approved (the email is in the server log), create a link
// with a sub-id, a person follows it and buys, the reward waits as pending in plain words; a deal
// the merchant approves; a second merchant and the switcher between the two; a statement whose
// closing balance is the dashboard's. Plus the demo partner's dashboard. 1440 and 390 px.

const PASSWORD = 'quinn-password-1';

/** Runs the notification job as cron does, then waits for a mail line in the server log. */
async function mailLine(baseURL: string, match: (line: string) => boolean, what: string): Promise<string> {
  const run = await fetch(`${baseURL}/api/jobs/send-notifications`, { method: 'POST', headers: { authorization: `Bearer ${process.env.JOB_SECRET}` } });
  expect(run.status).toBe(200);
  let found: string | undefined;
  await expect
    .poll(() => (found = readFileSync(process.env.E2E_SERVER_LOG!, 'utf8').split('\n').find((l) => l.includes('[mail]') && match(l))), { message: what })
    .toBeTruthy();
  return found!;
}

/** The switcher in the portal's header; on a phone it sits in the folded menu. */
async function switchTo(page: Page, merchant: string) {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.getByTestId('portal-switcher').getByLabel('Merchant').selectOption({ label: merchant });
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(page.getByText(`Your work with ${merchant}:`)).toBeVisible();
}

async function newMerchant(browser: Browser, name: string) {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill('Bea Merchant');
  await page.getByLabel('Work email').fill(`bea-${unique()}@beta.test`);
  await page.getByLabel('Password').fill('a-long-password');
  await page.getByLabel('Company or workspace name').fill(name);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.waitForURL(/\/m\/[\w-]+$/);
  const slug = new URL(page.url()).pathname.split('/')[2];
  await page.goto(`/m/${slug}/programs`);
  const create = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create program' }) });
  await create.getByLabel('Name', { exact: true }).fill('Beta referrals');
  await create.getByLabel('Approval').selectOption({ label: 'Approve automatically' });
  await create.getByLabel('Reward rule').selectOption({ label: '% of one-time revenue' });
  await create.getByLabel('Percent or amount').fill('15');
  await create.getByRole('button', { name: 'Create program' }).click();
  await expect(page.getByRole('status')).toContainText('created');
  await page.getByRole('link', { name: 'Beta referrals', exact: true }).click();
  const joinHref = (await page.getByRole('link', { name: new RegExp(`^/join/${slug}/`) }).getAttribute('href'))!;
  return { page, slug, joinHref };
}

test('a new partner: applies, is approved by mail, earns through a sub-id link, registers a deal, switches merchants, checks its statement', async ({ browser, baseURL }) => {
  test.skip(!process.env.E2E_SERVER_LOG || !process.env.JOB_SECRET, 'reads the server log that scripts/test-e2e.ts keeps and calls the notification job with its secret');
  test.setTimeout(240_000);
  const email = `quinn-${unique()}@partner.test`;
  const partner = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const errors = collectErrors(partner);

  // 1. the join page of a program the merchant reviews, with its terms in plain words
  await partner.goto('/join/demo/agencies');
  await expect(partner.getByRole('heading', { name: 'Join Agency partners' })).toBeVisible();
  await expect(partner.getByText('The team reviews each application.')).toBeVisible();
  const joinSentence = '10% of qualifying one-time revenue';
  await expect(partner.getByText(joinSentence)).toBeVisible();
  await partner.getByLabel('Your name').fill('Quinn Partner');
  await partner.getByLabel('Email').fill(email);
  await partner.getByLabel('Password').fill(PASSWORD);
  await partner.getByRole('button', { name: 'Apply' }).click();
  await partner.waitForURL(/\/p$/);
  const application = partner.getByTestId('enrollments').getByRole('row', { name: /Agency partners/ });
  await expect(application).toContainText('pending review');
  await expect(partner.getByText('No approved program yet')).toBeVisible();
  await bothWidths(partner, 'portal-journey-applied');

  // 2. the merchant approves; the partner's email is written to the server log
  const owner = await signedIn(browser, 'owner@demo.test');
  await owner.goto(`/m/demo/partners?q=${encodeURIComponent(email)}`);
  await owner.getByRole('link', { name: /Quinn Partner/ }).first().click();
  const enrollment = owner.getByTestId('enrollment-Agency partners');
  await enrollment.getByRole('button', { name: 'Approve' }).click();
  await expect(enrollment.getByRole('status')).toContainText('Enrollment approved.');
  const mail = await mailLine(baseURL!, (l) => l.includes(email) && /approved/i.test(l), `the approval email to ${email}`);
  expect(mail).toMatch(/Agency partners/);

  // the dashboard: approved, and the program's terms in the join page's words
  await partner.reload();
  await expect(application).toContainText('approved');
  const terms = partner.getByTestId('program-Agency partners');
  await expect(terms.getByText(joinSentence)).toBeVisible();

  // 3. a link with a sub-id
  const subId = `spring-${unique()}`;
  await partner.goto('/p/links');
  await partner.getByLabel('Program').selectOption({ label: 'Agency partners' });
  await partner.getByLabel('Destination URL').fill('https://acme.example/agencies');
  await partner.getByLabel('Sub-id (optional)').fill(subId);
  await partner.getByRole('button', { name: 'Create link' }).click();
  const code = /\/r\/([a-z0-9-]+) created/.exec(await partner.getByRole('status').innerText())![1];

  // 4. a person follows it in a fresh browser context with a browser's user agent (the merchant's
  // site is not reachable from here, so the redirect is read instead of followed)
  const visitor = await browser.newContext({ userAgent: BROWSER_UA });
  const followed = await visitor.request.get(`/r/${code}`, { maxRedirects: 0, headers: { 'user-agent': BROWSER_UA } });
  expect(followed.status()).toBe(302);
  const landing = new URL(followed.headers().location);
  expect(`${landing.origin}${landing.pathname}`).toBe('https://acme.example/agencies');
  const clickId = landing.searchParams.get('ref_click')!;
  expect(clickId).toMatch(/^clk_/);
  await visitor.close();

  // 5. the storefront posts the signed order for that visitor's click
  await owner.goto('/m/demo/settings/api');
  await owner.getByRole('button', { name: /(Create|Rotate) the events secret/ }).click();
  const secret = (await owner.getByTestId('revealed-secret').innerText()).trim();
  const orderId = `ord-q-${unique()}`;
  const posted = await postEvent(baseURL!, secret, {
    id: orderId, type: 'order', occurredAt: new Date().toISOString(),
    data: { customer: { externalId: `cus-${unique()}` }, currency: 'USD', clickId, lines: [{ product: 'onboarding', category: 'services', amount: '500.00' }] },
  });
  expect(posted.status).toBe(200);
  const rewards = (posted.body.entries ?? []).filter((e) => e.amount === '50.00');
  expect(rewards).toHaveLength(1);

  // 6. the reward is pending, in plain words, with its Why?
  await partner.goto('/p/earnings');
  const rewardRow = partner.getByRole('row').filter({ hasText: orderId });
  await expect(rewardRow.getByTestId('reward-sentence')).toContainText(`10% of 500.00 USD of one-time revenue from order ${orderId}`);
  await expect(rewardRow).toContainText('pending');
  await bothWidths(partner, 'portal-journey-earnings');
  await rewardRow.getByRole('link', { name: 'Why?' }).click();
  await expect(partner.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(partner.getByText(/you were the first partner to refer this customer \(click on \d{1,2} \w{3} \d{4}\)/)).toBeVisible();
  await expect(partner.getByRole('heading', { name: 'Why you get credit' })).toBeVisible();
  await bothWidths(partner, 'portal-journey-why');

  // the dashboard: pending money, when it becomes payable, the link's click and customer
  await partner.goto('/p');
  await expect(partner.getByTestId('portal-money-USD-pending')).toHaveText('50.00');
  await expect(partner.getByTestId('upcoming-money')).toContainText(/50\.00 USD becomes payable on \d{1,2} \w{3} \d{4}/);
  const linkRow = partner.getByTestId('traffic-links').locator(`tr[data-link="${code}"]`);
  await expect(linkRow).toContainText(`sub-id ${subId}`);
  await expect(linkRow.locator('[data-col="clicks"]')).toHaveText('1');
  await expect(linkRow.locator('[data-col="customers"]')).toHaveText('1');
  await expect(linkRow.locator('[data-col="conversion"]')).toHaveText('100%');

  // 7. a deal registration the merchant approves
  const prospect = `Globex ${unique()}`;
  await partner.goto('/p/deals');
  await partner.getByLabel('Program').selectOption({ label: 'Agency partners' });
  await partner.getByLabel('Prospect name').fill(prospect);
  await partner.getByLabel('Prospect email').fill(`cto-${unique()}@globex.test`);
  await partner.getByRole('button', { name: 'Register deal' }).click();
  await expect(partner.getByRole('status')).toContainText(`Deal for “${prospect}” registered in Agency partners`);
  await owner.goto('/m/demo/deals');
  const dealRow = owner.getByRole('row').filter({ hasText: prospect });
  await dealRow.getByRole('button', { name: 'Approve' }).click();
  await expect(dealRow).toContainText('approved');
  await partner.reload();
  await expect(partner.getByRole('row').filter({ hasText: prospect })).toContainText('approved');
  await bothWidths(partner, 'portal-journey-deal');

  // 8. a second merchant, joined with one click while signed in; the switcher offers both
  const beta = await newMerchant(browser, `Beta Tools ${unique()}`);
  const betaName = (await beta.page.getByTestId('shell-title').innerText()).trim();
  await partner.goto(beta.joinHref);
  await partner.getByRole('button', { name: 'Apply to this program' }).click();
  await partner.waitForURL(/\/p$/);
  await expect(partner.getByText('Your work with Acme Cloud (demo):')).toBeVisible();
  await switchTo(partner, betaName);
  await expect(partner.getByTestId('enrollments').getByRole('row', { name: /Beta referrals/ })).toContainText('approved');
  await expect(partner.getByText('Nothing earned yet')).toBeVisible();
  await bothWidths(partner, 'portal-journey-switched');
  // every page now reads Beta: no Acme reward, no Acme deal; the choice is remembered
  await partner.goto('/p/earnings');
  await expect(partner.getByRole('row').filter({ hasText: orderId })).toHaveCount(0);
  await partner.goto('/p/deals');
  await expect(partner.getByRole('row').filter({ hasText: prospect })).toHaveCount(0);
  // a link naming Acme (as the emails do) offers to switch, and stays on its page once switched
  await partner.goto('/p/earnings?workspace=demo');
  const notice = partner.getByTestId('merchant-link-notice');
  await expect(notice).toContainText(`This link is about your work with Acme Cloud (demo); you are looking at ${betaName}.`);
  await bothWidths(partner, 'portal-journey-link-notice');
  await notice.getByRole('button', { name: 'Show Acme Cloud (demo)' }).click();
  await partner.waitForURL(/\/p\/earnings$/);
  await expect(partner.getByRole('row').filter({ hasText: orderId })).toBeVisible();
  await expect(notice).toHaveCount(0);
  // and back to Beta, then to Acme with the switcher in the phone's folded menu
  await partner.goto('/p');
  await switchTo(partner, betaName);
  await partner.setViewportSize({ width: 390, height: 844 });
  await switchTo(partner, 'Acme Cloud (demo)');
  await partner.setViewportSize({ width: 1440, height: 900 });
  await expect(partner.getByTestId('portal-money-USD-pending')).toHaveText('50.00');

  // 9. the statement's closing balance is the dashboard's "not paid yet"
  const owed = (await partner.getByTestId('portal-money-USD-owed').innerText()).trim();
  const day = (at: Date) => at.toISOString().slice(0, 10);
  const from = day(new Date(Date.now() - 30 * 86_400_000));
  const to = day(new Date());
  await partner.goto(`/p/statements?from=${from}&to=${to}`);
  const [download] = await Promise.all([partner.waitForEvent('download'), partner.getByTestId('statement-download').click()]);
  const csv = Papa.parse<Record<string, string>>(await readFile((await download.path())!, 'utf8'), { header: true, skipEmptyLines: true });
  expect(csv.errors).toEqual([]);
  const closing = csv.data.find((r) => r.row_type === 'closing_balance' && r.unit === 'USD');
  expect(`${new Decimal(closing!.balance).toFixed(2)} USD`).toBe(owed);
  expect(csv.data.some((r) => r.row_type === 'entry' && r.order === orderId && r.amount === '50.00')).toBe(true);
  await bothWidths(partner, 'portal-journey-statement');

  // a merchant who is also a partner moves between console and portal
  await beta.page.goto('/join/demo/referrals');
  await beta.page.getByRole('button', { name: 'Apply to this program' }).click();
  await beta.page.waitForURL(/\/p$/);
  await beta.page.getByTestId('shell-cross-link').click();
  await beta.page.waitForURL(new RegExp(`/m/${beta.slug}$`));
  await expect(beta.page.getByTestId('shell-cross-link')).toHaveText(/Partner portal/);
  await beta.page.getByTestId('shell-cross-link').click();
  await beta.page.waitForURL(/\/p$/);
  await expect(beta.page.getByTestId('portal-merchant')).toContainText('Acme Cloud (demo)');

  expect(errors).toEqual([]);
});

test('the demo partner’s dashboard: money by status, what becomes payable, traffic, programs with their terms', async ({ browser }) => {
  const partner = await signedIn(browser, 'partner@demo.test');
  const errors = collectErrors(partner);
  await partner.goto('/p');
  await expect(partner.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await expect(partner.getByTestId('portal-merchant')).toContainText('Acme Cloud (demo)');
  // the four buckets and the amount not paid yet agree
  const money = async (k: string) => new Decimal((await partner.getByTestId(`portal-money-USD-${k}`).innerText()).replace(/[^\d.-]/g, ''));
  const owed = (await money('pending')).plus(await money('payable')).plus(await money('processing'));
  expect(`${owed.toFixed(2)}`).toBe((await partner.getByTestId('portal-money-USD-owed').innerText()).replace(/[^\d.-]/g, ''));
  await expect(partner.getByTestId('upcoming-money').locator('li').first()).toContainText(/USD becomes payable on/);
  await expect(partner.getByTestId('portal-chart-USD')).toBeVisible();
  await expect(partner.getByTestId('traffic-programs').locator('tbody tr')).toHaveCount(3);
  await expect(partner.getByTestId('terms-summary')).toHaveCount(3);
  await bothWidths(partner, 'portal-dashboard');
  expect(errors).toEqual([]);
});
