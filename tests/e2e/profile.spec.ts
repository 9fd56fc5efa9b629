import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { bothWidths, signedIn } from './support';

// The partner's profile: a website typed without https is completed, an http one refused with the
// field named; name, company, tax country saved; one email turned off. Finance reads the same on the
// console's partner page. Then the notification job, called as cron calls it, writes the seeded
// failed payout's email to the server log (no SMTP here). Both widths, no sideways scroll. Pat's
// seeded company and emails are restored at the end for the journeys that run after.

test('a partner completes the profile and turns one email off; finance sees it on the partner page', async ({ browser }) => {
  const partner = await signedIn(browser, 'partner@demo.test');
  // the merchant named in the URL, as the emails' links do (a partner of several merchants lands on the right one)
  await partner.goto('/p/profile?workspace=demo');
  await expect(partner.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
  const details = partner.locator('section').filter({ has: partner.getByRole('heading', { name: 'Your details' }) });
  await expect(details.getByTestId('profile-email')).toHaveText('partner@demo.test');
  await expect(details.getByLabel('Name')).toHaveValue('Pat Partner');
  await expect(details.getByLabel('Company (optional)')).toHaveValue('Pat & Co');
  await bothWidths(partner, 'profile-details');

  await details.getByLabel('Website (optional)').fill('http://pat-and-co.example');
  await details.getByLabel('Tax country (optional)').selectOption('NL');
  await details.getByRole('button', { name: 'Save profile' }).click();
  await expect(details.getByRole('alert')).toHaveText('Some fields need attention.');
  await expect(details.getByText('must be an https:// address such as https://example.com')).toBeVisible();
  // what was typed stays to be corrected
  await expect(details.getByLabel('Tax country (optional)')).toHaveValue('NL');
  await bothWidths(partner, 'profile-details-refused');

  await details.getByLabel('Website (optional)').fill('pat-and-co.example/partners');
  await details.getByLabel('Company (optional)').fill('Pat & Co Media');
  await details.getByRole('button', { name: 'Save profile' }).click();
  await expect(details.getByRole('status')).toHaveText('Profile saved.');
  await partner.reload();
  await expect(details.getByLabel('Website (optional)')).toHaveValue('https://pat-and-co.example/partners');
  await expect(details.getByLabel('Tax country (optional)')).toHaveValue('NL');

  const emails = partner.locator('section').filter({ has: partner.getByRole('heading', { name: 'Email notifications' }) });
  await expect(emails).toContainText('Emails go to partner@demo.test');
  const payableBox = emails.getByRole('checkbox', { name: /Rewards become payable/ });
  await expect(payableBox).toBeChecked();
  await payableBox.uncheck();
  await emails.getByRole('button', { name: 'Save email preferences' }).click();
  await expect(emails.getByRole('status')).toHaveText('Email preferences saved.');
  await partner.reload();
  await expect(emails.getByRole('checkbox', { name: /Rewards become payable/ })).not.toBeChecked();
  await expect(emails.getByRole('checkbox', { name: /A payout fails/ })).toBeChecked();
  await bothWidths(partner, 'profile-emails');

  const finance = await signedIn(browser, 'finance@demo.test');
  await finance.goto('/m/demo/partners?q=partner%40demo.test');
  await finance.getByRole('link', { name: /Pat Partner/ }).first().click();
  const card = finance.getByTestId('partner-profile');
  await expect(card).toContainText('Pat & Co Media');
  await expect(card.getByRole('link', { name: 'https://pat-and-co.example/partners' })).toHaveAttribute('rel', /noopener/);
  await expect(card).toContainText('Netherlands (NL)');
  await expect(card).toContainText('Turned off: payable rewards');
  await bothWidths(finance, 'console-partner-profile');
  await card.screenshot({ path: 'test-results/screens/console-partner-profile-card-1440.png' });
  await finance.setViewportSize({ width: 390, height: 844 });
  await card.screenshot({ path: 'test-results/screens/console-partner-profile-card-390.png' });

  // back to the seed's profile and emails
  await details.getByLabel('Company (optional)').fill('Pat & Co');
  await details.getByLabel('Website (optional)').fill('');
  await details.getByLabel('Tax country (optional)').selectOption('');
  await details.getByRole('button', { name: 'Save profile' }).click();
  await expect(details.getByRole('status')).toHaveText('Profile saved.');
  await emails.getByRole('checkbox', { name: /Rewards become payable/ }).check();
  await emails.getByRole('button', { name: 'Save email preferences' }).click();
  await expect(emails.getByRole('status')).toHaveText('Email preferences saved.');
});

test('the notification job writes the seeded failed payout’s email, with its reason, to the server log', async ({ baseURL }) => {
  test.skip(!process.env.E2E_SERVER_LOG || !process.env.JOB_SECRET, 'reads the server log that scripts/test-e2e.ts keeps and calls the job with its secret');
  const refused = await fetch(`${baseURL}/api/jobs/send-notifications`, { method: 'POST' });
  expect(refused.status).toBe(401);
  const run = await fetch(`${baseURL}/api/jobs/send-notifications`, { method: 'POST', headers: { authorization: `Bearer ${process.env.JOB_SECRET}` } });
  expect(run.status).toBe(200);
  expect(await run.json()).toMatchObject({ sent: expect.any(Number), skipped: expect.any(Number), failed: 0 });
  await expect
    .poll(() => readFileSync(process.env.E2E_SERVER_LOG!, 'utf8').split('\n').filter((l) => /\[mail\] SMTP_URL not set; payout_failed email to \S+@\S+ \(demo\): Your payout of [\d,.]+ \w+ from .+ failed$/.test(l)).length)
    .toBeGreaterThan(0);
  // run again: everything due went out already, nothing is sent twice
  const again = await fetch(`${baseURL}/api/jobs/send-notifications`, { method: 'POST', headers: { 'x-job-secret': process.env.JOB_SECRET! } });
  expect(await again.json()).toMatchObject({ sent: 0 });
});
