import { expect, test, type Page } from '@playwright/test';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a merchant signs up and lands in its empty console', async ({ page }) => {
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill('Mia Merchant');
  await page.getByLabel('Work email').fill(`mia-${unique()}@shop.test`);
  await page.getByLabel('Password').fill('a-long-password');
  await page.getByLabel('Company or workspace name').fill('Mia Gadgets');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page).toHaveURL(/\/m\/mia-gadgets/);
  await expect(page.getByTestId('shell-title')).toHaveText('Mia Gadgets');
  await expect(page.getByText('Get started')).toBeVisible();
  await expect(page.getByTestId('count-Programs')).toHaveText('0');
  await shot(page, 'merchant-empty-console');
  await page.getByRole('link', { name: 'Partners', exact: true }).click();
  await expect(page.getByText('No partners yet')).toBeVisible();
});

test('sign-up names the field that is wrong and keeps the person on the form', async ({ page }) => {
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill('X');
  await page.getByLabel('Work email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByLabel('Company or workspace name').fill('Shop');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByText('must be a valid email address')).toBeVisible();
  await expect(page.getByText('must be at least 10 characters')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);
  // what was typed stays, so only the wrong fields need retyping
  await expect(page.getByLabel('Company or workspace name')).toHaveValue('Shop');
  await expect(page.getByLabel('Work email')).toHaveValue('not-an-email');
});

test('a partner joins a seeded program through its join page and signs in', async ({ page }) => {
  const email = `pia-${unique()}@partner.test`;
  await page.goto('/join/demo/referrals');
  await expect(page.getByRole('heading', { name: 'Join Customer referrals' })).toBeVisible();
  await shot(page, 'join-page');
  await page.getByLabel('Your name').fill('Pia Partner');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('pia-password-1');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/\/p$/);
  // the dashboard's programs table (its terms below also say "approved", in a sentence)
  await expect(page.getByTestId('enrollments').getByRole('row', { name: /Customer referrals/ })).toContainText('approved');
  // sign out, then sign in again with the new account
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, email, 'pia-password-1');
  await expect(page).toHaveURL(/\/p$/);
  await shot(page, 'partner-portal');
});

test('the demo logins work and pending applications can be approved', async ({ page }) => {
  await signIn(page, 'owner@demo.test', 'demo-password');
  await expect(page).toHaveURL(/\/m\/demo$/);
  await expect(page.getByTestId('count-Programs')).toHaveText('6');
  await shot(page, 'demo-overview');
  await page.goto('/m/demo/partners?status=pending');
  await expect(page.getByText('New Applicant')).toBeVisible();
  await shot(page, 'demo-partners-pending');
  const row = page.getByRole('row', { name: /New Applicant/ });
  await row.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('row', { name: /New Applicant/ })).toHaveCount(0);
  await page.goto('/m/demo/events');
  await expect(page.getByRole('row')).not.toHaveCount(0);
  await expect(page.getByText(/1–50 of \d+/)).toBeVisible();
  await shot(page, 'demo-events');
});

test('wrong passwords are refused', async ({ page }) => {
  await signIn(page, 'partner@demo.test', 'not-the-password');
  await expect(page.getByText('Email or password is incorrect.')).toBeVisible();
});

test("no tenant can open another's console: 404, not 403", async ({ page }) => {
  // a fresh merchant, signed in, asks for the demo workspace's pages
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill('Eve');
  await page.getByLabel('Work email').fill(`eve-${unique()}@shop.test`);
  await page.getByLabel('Password').fill('a-long-password');
  await page.getByLabel('Company or workspace name').fill(`Eve ${unique()}`);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page).toHaveURL(/\/m\/eve-/);
  for (const path of ['/m/demo', '/m/demo/partners', '/m/demo/events', '/m/demo/settings', '/m/demo/programs']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByText('Page not found')).toBeVisible();
  }
  // the demo partner is no merchant of the demo workspace either
  await page.context().clearCookies();
  await signIn(page, 'partner@demo.test', 'demo-password');
  await expect(page).toHaveURL(/\/p$/);
  expect((await page.goto('/m/demo/partners'))?.status()).toBe(404);
  // signed out: the console sends people to sign in
  await page.context().clearCookies();
  await page.goto('/m/demo');
  await expect(page).toHaveURL(/\/sign-in/);
});
