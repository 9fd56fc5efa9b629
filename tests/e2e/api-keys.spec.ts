import { expect, test } from '@playwright/test';
import { bothWidths, collectErrors, shot, signedIn, unique } from './support';

// Issue 12's keys as a merchant meets them: the owner creates a read-only key in Settings → API,
// copies it from the page (shown once), calls the API with it (reads answer, a write is refused),
// revokes it with a confirmation step and the API refuses it; the audit log names the key; finance
// sees the list without buttons; the public reference page at 1440 and 390 px.

test('a read-only key: created once, reads, refused on a write, revoked, then refused', async ({ browser, request }) => {
  const owner = await signedIn(browser, 'owner@demo.test');
  const errors = collectErrors(owner);
  const name = `e2e ${unique()}`;
  await owner.goto('/m/demo/settings/api');
  await expect(owner.getByRole('heading', { name: 'API keys' })).toBeVisible();
  // the events cards stay beside the keys
  await expect(owner.getByRole('heading', { name: 'Events signing secret' })).toBeVisible();
  await owner.getByLabel('Name').fill(name);
  await owner.getByLabel('Access').selectOption('read');
  await owner.getByRole('button', { name: 'Create API key' }).click();
  const shown = owner.getByTestId('new-api-key');
  await expect(shown).toBeVisible();
  await expect(owner.getByRole('status').filter({ hasText: 'not shown again' })).toBeVisible();
  await expect(owner.getByRole('button', { name: /^Copy key/ })).toBeVisible();
  const key = (await shown.textContent())!.trim();
  expect(key).toMatch(/^pl_live_[A-Za-z0-9_-]{43}$/);
  const prefix = key.slice(0, 12);
  const row = owner.locator(`[data-testid="api-key-row"][data-prefix="${prefix}"]`);
  await expect(row).toContainText(name);
  await expect(row).toContainText(`${prefix}…`);
  await expect(row).toContainText('Read only');
  await expect(row).toContainText('never');
  await bothWidths(owner, 'api-keys-created');

  const auth = { Authorization: `Bearer ${key}` };
  const doc = await request.get('/api/v1/openapi.json', { headers: auth });
  expect(doc.status()).toBe(200);
  expect((await doc.json()).openapi).toBe('3.1.0');
  const list = await request.get('/api/v1/programs', { headers: auth });
  expect(list.status(), await list.text()).toBe(200);
  expect(await list.json()).toMatchObject({ object: 'list', data: expect.any(Array) });
  const write = await request.post('/api/v1/programs', { headers: { ...auth, 'Idempotency-Key': unique() }, data: { name: 'Not allowed' } });
  expect(write.status()).toBe(403);
  expect((await write.json()).error).toMatchObject({ code: 'forbidden' });

  // shown once: after a reload the page has only the prefix, and the key was used
  await owner.reload();
  await expect(owner.getByTestId('new-api-key')).toHaveCount(0);
  expect(await owner.content()).not.toContain(key);
  await expect(row).not.toContainText('never');

  // revoke asks first; cancelling leaves the key alone
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await expect(row.getByTestId('revoke-confirm')).toContainText('cannot be undone');
  await row.getByRole('button', { name: 'Cancel' }).click();
  expect((await request.get('/api/v1/programs', { headers: auth })).status()).toBe(200);
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await row.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(row).toContainText('revoked');
  await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  const refused = await request.get('/api/v1/programs', { headers: auth });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toMatchObject({ code: 'unauthorized' });

  // the audit log says who created and revoked which key
  await owner.goto('/m/demo/audit?subject=api_key');
  const rows = owner.getByTestId('audit-row');
  await expect(rows.first()).toContainText(`revoked API key “${name}” (${prefix}…)`);
  await expect(rows.nth(1)).toContainText(`created API key “${name}” (${prefix}…) with read-only access`);
  await shot(owner, 'api-keys-audit-1440');
  expect(errors).toEqual([]);
  await owner.context().close();
});

test('finance sees the keys without the buttons', async ({ browser }) => {
  const finance = await signedIn(browser, 'finance@demo.test', 390);
  await finance.goto('/m/demo/settings/api');
  await expect(finance.getByRole('heading', { name: 'API keys' })).toBeVisible();
  await expect(finance.getByTestId('read-only-notice')).toBeVisible();
  await expect(finance.getByRole('button', { name: 'Create API key' })).toHaveCount(0);
  await expect(finance.getByRole('button', { name: /^Revoke/ })).toHaveCount(0);
  await shot(finance, 'api-keys-finance-390');
  await finance.context().close();
});

test('the API reference is public and readable at 1440 and 390 px', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const errors = collectErrors(page);
  const res = await page.goto('/developers/api');
  expect(res?.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe('/developers/api');
  await expect(page.getByRole('heading', { level: 1, name: 'PartnerLedger API' })).toBeVisible();
  for (const section of ['Authentication', 'Pagination', 'Errors', 'Idempotency', 'Rate limits', 'Webhooks']) {
    await expect(page.getByTestId('api-intro').getByRole('heading', { level: 2, name: section, exact: true })).toBeVisible();
  }
  await expect(page.getByText('RateLimit-Remaining', { exact: false }).first()).toBeVisible();
  const list = page.locator('[data-operation="listprograms"]');
  await expect(list).toContainText('GET');
  await expect(list).toContainText('/api/v1/programs');
  await expect(list.getByTestId('operation-access')).toContainText('Any key');
  await expect(list.getByTestId('parameters')).toContainText('starting_after');
  await expect(list.getByTestId('sample-curl')).toContainText('Authorization: Bearer $PARTNERLEDGER_API_KEY');
  await list.getByRole('tab', { name: 'Node (fetch)' }).click();
  await expect(list.getByTestId('sample-node')).toContainText('await fetch(');
  const create = page.locator('[data-operation="createprogram"]');
  await expect(create.getByTestId('operation-access')).toContainText('Read-write keys only');
  await expect(create.getByTestId('body-fields')).toContainText('rules[].amount');
  await expect(create.getByTestId('sample-curl')).toContainText('Idempotency-Key: $(uuidgen)');
  await expect(create.getByTestId('errors')).toContainText('409');
  await expect(page.getByTestId('openapi-link')).toHaveAttribute('href', '/api/v1/openapi.json');
  await bothWidths(page, 'api-reference');
  expect(errors).toEqual([]);
  await page.context().close();
});
