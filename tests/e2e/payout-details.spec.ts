import { expect, test } from '@playwright/test';
import { bothWidths, shot, signedIn } from './support';

// Payout details: the partner fixes a typo the form catches, saves a bank account and sees it
// masked; finance sees the same summary on the partner's page, and a partner without details as
// needing them. Both widths, no sideways scroll. The journey ends with Pat's seeded PayPal details
// back in place, so the payout export journeys find them as seeded.

test('a partner enters a bank account, finance sees it masked', async ({ browser }) => {
  const partner = await signedIn(browser, 'partner@demo.test');
  await partner.getByRole('link', { name: 'Profile' }).first().click();
  await expect(partner.getByRole('heading', { name: 'Profile' })).toBeVisible();
  const card = partner.locator('section').filter({ has: partner.getByRole('heading', { name: 'Acme Cloud (demo)' }) });
  await expect(card.getByTestId('payout-details-masked')).toHaveText('PayPal · p•••@demo.test');
  await bothWidths(partner, 'profile-payout-details');

  await card.getByText('Change payout details').click();
  await card.getByLabel('How you want to be paid').selectOption('bank_transfer');
  await card.getByLabel('Account holder name').fill('Pat Partner');
  await card.getByLabel('Country of the account').selectOption('DE');
  await expect(card.getByLabel('Account details as')).toHaveValue('iban');
  // one digit wrong: the checksum catches it and names the field
  await card.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 01');
  await card.getByRole('button', { name: 'Save payout details' }).click();
  await expect(card.getByText('the checksum does not match — check for a typo')).toBeVisible();
  await expect(card.getByTestId('payout-details-masked')).toHaveText('PayPal · p•••@demo.test');
  await bothWidths(partner, 'profile-payout-details-iban-typo');

  await card.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
  await card.getByLabel('BIC / SWIFT (optional)').fill('cobadeffxxx');
  await card.getByRole('button', { name: 'Save payout details' }).click();
  await expect(card.getByRole('status')).toHaveText('Payout details saved: Bank transfer · DE89 •••• 3000 · P. Partner.');
  await expect(card.getByTestId('payout-details-masked')).toHaveText('Bank transfer · DE89 •••• 3000 · P. Partner');
  await expect(card.getByLabel('IBAN')).toHaveValue('');

  // a US account asks for what US transfers need instead
  await card.getByLabel('Country of the account').selectOption('US');
  await expect(card.getByLabel('Account details as')).toHaveValue('local');
  await expect(card.getByLabel('ABA routing number')).toBeVisible();
  await expect(card.getByLabel('Account type')).toBeVisible();
  await bothWidths(partner, 'profile-payout-details-us-form');

  const finance = await signedIn(browser, 'finance@demo.test');
  await finance.goto('/m/demo/partners');
  await finance.getByRole('link', { name: /Pat Partner/ }).first().click();
  const details = finance.locator('section').filter({ has: finance.getByRole('heading', { name: 'Payout details' }) });
  await expect(details.getByTestId('payout-details-masked')).toHaveText('Bank transfer · DE89 •••• 3000 · P. Partner');
  await expect(finance.getByText('DE89370400440532013000')).toHaveCount(0);
  await bothWidths(finance, 'console-partner-payout-details');

  await finance.goto('/m/demo/partners');
  await finance.getByRole('link', { name: /Channel One/ }).first().click();
  await expect(details.getByText('Needs payout details')).toBeVisible();
  await expect(details).toContainText('payout batches list this partner as needing payout details');
  await shot(finance, 'console-partner-needs-payout-details-1440');

  // back to the seeded PayPal account
  await card.getByLabel('How you want to be paid').selectOption('paypal');
  await card.getByLabel('PayPal email').fill('partner@demo.test');
  await card.getByRole('button', { name: 'Save payout details' }).click();
  await expect(card.getByTestId('payout-details-masked')).toHaveText('PayPal · p•••@demo.test');
});
