import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { shot, signedIn, unique } from './support';

// The owner invites a new finance member; the invitation's link is read from the server log (no
// SMTP here, so the mailer logs it, see scripts/test-e2e.ts) and a new visitor on a phone signs up
// through it and lands in the console with that role. Then the owner changes the role, and sets the
// workspace's time zone (restored to UTC at the end: later journeys read dates in UTC).

/** The link mailed to `email`, from the server's log; mail is written after the action answers, so it is polled. */
async function mailedInvitationLink(email: string): Promise<string> {
  const logPath = process.env.E2E_SERVER_LOG!;
  let link: string | undefined;
  await expect
    .poll(() => {
      const line = readFileSync(logPath, 'utf8').split('\n').find((l) => l.includes(`invitation link for ${email}`));
      link = line?.match(/(https?:\/\/\S+\/invite\/[\w-]{43})\s*$/)?.[1];
      return link;
    }, { message: `the invitation link for ${email} in ${logPath}` })
    .toBeTruthy();
  return link!;
}

/** How far the page itself scrolls sideways (tables scroll inside their cards instead). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('an owner invites a finance member, who signs up through the link on a phone and lands in the console with the role', async ({ browser }) => {
  test.skip(!process.env.E2E_SERVER_LOG, 'reads the invitation link from the server log that scripts/test-e2e.ts keeps');
  const email = `nora-${unique()}@newcomer.test`;
  const owner = await signedIn(browser, 'owner@demo.test');

  await owner.goto('/m/demo/settings');
  const membersCard = owner.locator('section', { has: owner.getByRole('heading', { name: 'Members' }) });
  await expect(membersCard).toContainText(/\d+ members: 1 owner/);
  await membersCard.getByRole('link', { name: 'Manage →' }).click();
  await expect(owner).toHaveURL(/\/m\/demo\/settings\/members$/);
  await expect(owner.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
  await expect(owner.getByRole('row', { name: /owner@demo\.test/ })).toContainText('last owner');

  const invite = owner.locator('section', { has: owner.getByRole('heading', { name: 'Invite a member' }) });
  await invite.getByLabel('Email').fill(email);
  await invite.getByLabel('Role').selectOption('finance');
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(invite.getByRole('status')).toContainText(`Invitation sent to ${email} as finance`);
  const invitations = owner.locator('section', { has: owner.getByRole('heading', { name: /^Open invitations/ }) });
  await expect(invitations).toContainText(email);
  await shot(owner, 'members-invited-1440');

  const link = await mailedInvitationLink(email);
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await phone.goto(new URL(link).pathname);
  await expect(phone.getByRole('heading', { name: /^Join / })).toBeVisible();
  await expect(phone.getByText(/invited you as finance/)).toBeVisible();
  await expect(phone.getByLabel('Email')).toHaveValue(email);
  await shot(phone, 'members-invitation-390');
  await phone.getByLabel('Your name').fill('Nora Newcomer');
  await phone.getByLabel('Password').fill('a-long-enough-password');
  await phone.getByRole('button', { name: 'Create account and join' }).click();
  await phone.waitForURL(/\/m\/demo$/);
  await expect(phone.getByText('Merchant console · finance').first()).toBeAttached();
  expect(await sideways(phone)).toBeLessThanOrEqual(0);
  await shot(phone, 'members-joined-console-390');

  // the link worked once
  await phone.goto(new URL(link).pathname);
  await expect(phone.getByRole('heading', { name: /^You joined / })).toBeVisible();

  // the owner sees the new member and makes her a viewer; the invitation is no longer open
  await owner.reload();
  const row = owner.getByRole('row', { name: new RegExp(email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  await expect(row).toContainText('Nora Newcomer');
  await expect(invitations).not.toContainText(email);
  await row.getByLabel('Role of Nora Newcomer').selectOption('viewer');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(owner.getByRole('status')).toHaveText('Nora Newcomer is now viewer.');
  await shot(owner, 'members-role-changed-1440');

  // her console now reads "viewer" and offers no invitation form
  await phone.goto('/m/demo/settings/members');
  await expect(phone.getByTestId('read-only-notice')).toHaveText('Read-only for the viewer role.');
  await expect(phone.getByRole('heading', { name: 'Invite a member' })).toHaveCount(0);
  expect(await sideways(phone)).toBeLessThanOrEqual(0);
  await shot(phone, 'members-viewer-390');

  // the owner's members page at 390 px
  const ownerPhone = await signedIn(browser, 'owner@demo.test', 390);
  await ownerPhone.goto('/m/demo/settings/members');
  await expect(ownerPhone.getByRole('row', { name: /Nora Newcomer/ })).toBeVisible();
  expect(await sideways(ownerPhone)).toBeLessThanOrEqual(0);
  await shot(ownerPhone, 'members-owner-390');

  // time zone: events show in Berlin time with the zone's name, then back to UTC
  await owner.goto('/m/demo/settings');
  const workspace = owner.locator('section', { has: owner.getByRole('heading', { name: 'Workspace' }) });
  await workspace.getByLabel('Time zone').selectOption('Europe/Berlin');
  await workspace.getByRole('button', { name: 'Save time zone' }).click();
  await expect(workspace.getByRole('status')).toContainText('Dates now show in Europe/Berlin');
  await shot(owner, 'settings-time-zone-1440');
  await owner.goto('/m/demo/events');
  await expect(owner.locator('tbody tr').first()).toContainText(/\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d CES?T/);
  await shot(owner, 'events-berlin-1440');
  await owner.goto('/m/demo/settings');
  await workspace.getByLabel('Time zone').selectOption('UTC');
  await workspace.getByRole('button', { name: 'Save time zone' }).click();
  await expect(workspace.getByRole('status')).toContainText('Dates now show in UTC');
  await ownerPhone.goto('/m/demo/settings');
  expect(await sideways(ownerPhone)).toBeLessThanOrEqual(0);
  await shot(ownerPhone, 'settings-390');
});
