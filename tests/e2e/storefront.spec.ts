import { expect, test, type Browser, type Page } from '@playwright/test';
import { startStorefront, type Storefront } from './storefront/server';

// The whole loop across two origins: a partner's tracked link → the merchant's storefront, which
// installs /t.js → checkout posts a signed order → the partner's reward, explained by the click.
let storefront: Storefront;
test.beforeAll(async ({ baseURL }) => {
  storefront = await startStorefront(baseURL!, 'demo');
});
test.afterAll(() => storefront?.close());

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  return page;
}

test('a tracked click on one origin becomes a reward for an order on another', async ({ browser }) => {
  const storeHost = new URL(storefront.origin).host;

  // the merchant allows its storefront as a destination and creates the events secret
  const owner = await signedIn(browser, 'owner@demo.test');
  await owner.goto('/m/demo/settings/tracking');
  await owner.getByLabel('Allowed destination domains').fill(`acme.example\n${storeHost}`);
  await owner.getByRole('button', { name: 'Save domains' }).click();
  await expect(owner.getByRole('status')).toContainText(storeHost);
  await owner.goto('/m/demo/settings/api');
  await owner.getByRole('button', { name: /(Create|Rotate) the events secret/ }).click();
  const secret = await owner.getByTestId('revealed-secret').innerText();
  storefront.setEventsSecret(secret.trim());

  // the partner creates a link to the storefront
  const partner = await signedIn(browser, 'partner@demo.test');
  await partner.goto('/p/links');
  await partner.getByLabel('Program').selectOption({ label: 'Customer referrals' });
  await partner.getByLabel('Destination URL').fill(`${storefront.origin}/`);
  await partner.getByRole('button', { name: 'Create link' }).click();
  const linkRow = partner.getByRole('row').filter({ hasText: storefront.origin }).first();
  await expect(linkRow).toBeVisible();
  const tracked = (await linkRow.locator('code').first().innerText()).trim();
  expect(tracked).toMatch(/\/r\/[\w-]+$/);

  // a visitor follows it, lands on the storefront with ref_click, and buys
  // a person's browser: headless Chromium announces itself as a bot, and bots are never attributed
  const visitor = await (await browser.newContext({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36' })).newPage();
  await visitor.goto(tracked);
  await expect(visitor).toHaveURL(new RegExp(`^${storefront.origin}/\\?ref_click=`));
  const clickId = new URL(visitor.url()).searchParams.get('ref_click')!;
  await expect.poll(() => visitor.evaluate(() => (window as unknown as { PartnerLedger?: { clickId(): string } }).PartnerLedger?.clickId())).toBe(clickId);
  await visitor.getByRole('button', { name: 'Buy now' }).click();
  await expect(visitor.getByRole('heading', { name: 'Order confirmed' })).toBeVisible();
  const orderId = (await visitor.locator('#order').innerText()).trim();
  await visitor.screenshot({ path: 'test-results/screens/storefront-confirmed.png' });

  // the merchant's ledger shows the partner's reward, with the click in its explanation
  await owner.goto(`/m/demo/ledger?q=${orderId}`);
  const rewardRows = owner.getByRole('row').filter({ hasText: 'Pat Partner' });
  await expect(rewardRows.first()).toBeVisible();
  await rewardRows.first().getByRole('link', { name: 'Why?' }).click();
  await expect(owner.getByText(clickId).first()).toBeVisible();
  await owner.screenshot({ path: 'test-results/screens/storefront-reward-explained.png', fullPage: true });
});
