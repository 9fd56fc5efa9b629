import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { bothWidths, BROWSER_UA, collectErrors, postEvent, signedIn, unique } from './support';

// The partner's links page as partner@demo.test (Pat Partner at Acme Cloud): a link with a sub-id
// (a bad one refused first, naming the field), its QR code downloaded as PNG and SVG, two people
// following it in fresh browser contexts with a real browser's user agent, one of them buying,
// and the link's and the sub-id's numbers on the page. Coupons listed below. 1440 and 390 px.

/** A person's click: a fresh browser context (its own visitor cookie) with a browser's user agent. */
async function follow(browser: Browser, url: string): Promise<string> {
  const context = await browser.newContext({ userAgent: BROWSER_UA });
  const answer = await context.request.get(url, { maxRedirects: 0, headers: { 'user-agent': BROWSER_UA } });
  expect(answer.status()).toBe(302);
  const location = answer.headers().location;
  await context.close();
  return new URL(location).searchParams.get('ref_click')!;
}

test('a partner creates a link with a sub-id, downloads its QR code and sees what it brought', async ({ browser, baseURL }) => {
  const page = await signedIn(browser, 'partner@demo.test');
  // the demo merchant, whichever other merchants earlier journeys made Pat a partner of
  await page.context().addCookies([{ name: 'pl_portal_ws', value: 'demo', url: baseURL! }]);
  const errors = collectErrors(page);
  await page.goto('/p/links');
  await expect(page.getByRole('heading', { name: 'Links & coupons', level: 1 })).toBeVisible();

  // a sub-id with a space is refused under its own field, and what was typed stays
  const subId = `news-${unique()}`;
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Create link' }) });
  await form.getByLabel('Program').selectOption({ label: 'Customer referrals' });
  await form.getByLabel('Destination URL').fill('https://acme.example/pricing');
  await form.getByLabel('Sub-id (optional)').fill('spring sale');
  await form.getByRole('button', { name: 'Create link' }).click();
  await expect(form.getByRole('alert')).toContainText('sub-id');
  await expect(form.locator('#f-subId-error')).toHaveText('use 1–64 letters, digits, dashes, underscores or dots');
  await expect(form.getByLabel('Destination URL')).toHaveValue('https://acme.example/pricing');

  await form.getByLabel('Sub-id (optional)').fill(subId);
  await form.getByRole('button', { name: 'Create link' }).click();
  await expect(form.getByRole('status')).toContainText(`with sub-id ${subId}`);
  const code = /\/r\/([a-z0-9-]+) created/.exec(await form.getByRole('status').innerText())![1];
  await expect(form.getByLabel('Sub-id (optional)')).toHaveValue('');

  // the new link is listed (newest first) with its sub-id
  const row = page.getByRole('row').filter({ hasText: `/r/${code}` });
  await expect(row).toBeVisible();
  await expect(row.getByRole('link', { name: subId })).toBeVisible();
  const trackedUrl = (await row.locator('code').first().innerText()).trim();
  expect(trackedUrl).toMatch(new RegExp(`/r/${code}$`));

  // QR downloads: a PNG and an SVG named after the link
  const [png] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: `QR code of ${code} as PNG` }).click()]);
  expect(png.suggestedFilename()).toBe(`qr-${code}-${subId}.png`);
  const pngBytes = await readFile((await png.path())!);
  expect(pngBytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const [svg] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: `QR code of ${code} as SVG` }).click()]);
  expect(svg.suggestedFilename()).toBe(`qr-${code}-${subId}.svg`);
  const svgText = await readFile((await svg.path())!, 'utf8');
  expect(svgText).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<path [^>]*d="M/);

  // two people follow the link; one of them buys through the storefront's signed event
  const buyerClick = await follow(browser, trackedUrl);
  await follow(browser, trackedUrl);
  const owner = await signedIn(browser, 'owner@demo.test');
  await owner.goto('/m/demo/settings/api');
  await owner.getByRole('button', { name: /(Create|Rotate) the events secret/ }).click();
  const secret = (await owner.getByTestId('revealed-secret').innerText()).trim();
  const customer = `sub-${unique()}`;
  const posted = await postEvent(baseURL!, secret, {
    id: `ord-${unique()}`, type: 'order', occurredAt: new Date().toISOString(),
    data: { customer: { externalId: customer }, currency: 'USD', clickId: buyerClick, lines: [{ product: 'onboarding', category: 'services', amount: '300.00' }] },
  });
  expect(posted.status).toBe(200);
  // the other click still waits in the queue: run the flush job the cron runs every minute
  const flushed = await fetch(`${baseURL}/api/jobs/flush-clicks`, { method: 'POST', headers: { authorization: `Bearer ${process.env.JOB_SECRET}` } });
  expect(flushed.status).toBe(200);

  // the link's row and its sub-id's summary: 2 clicks, 2 visitors, 1 customer, 1 order, 50 %
  await page.goto(`/p/links?sub=${subId}`);
  await expect(page.getByRole('heading', { name: `Links with sub-id ${subId}` })).toBeVisible();
  const cells = async (r: ReturnType<Page['getByRole']>) => (await r.locator('td').allInnerTexts()).map((t) => t.trim());
  const linkRow = page.getByRole('row').filter({ hasText: `/r/${code}` });
  // cells: link, sub-id, program, clicks, visitors, customers, orders, revenue, conversion, created
  await expect.poll(async () => (await cells(linkRow)).slice(3, 7)).toEqual(['2', '2', '1', '1']);
  expect((await cells(linkRow))[8]).toBe('50%');
  const summaryRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: subId }) });
  const summary = await cells(summaryRow);
  expect(summary.slice(0, 5)).toEqual(['1', '2', '2', '1', '1']); // links, clicks, visitors, customers, orders
  expect(summary[5]).toMatch(/^[\d,]+\.\d{2} USD$/);
  expect(summary[6]).toBe('50%');
  await expect(page.getByText('conversion is customers ÷ visitors')).toBeVisible();

  // coupons the merchant gave Pat, with their program and status
  const coupons = page.locator('#coupons');
  await expect(coupons.getByRole('heading', { name: 'Coupons' })).toBeVisible();
  await expect(coupons.getByRole('row').nth(1).getByText(/active|disabled/)).toBeVisible();

  await bothWidths(page, 'portal-links-sub-id');
  await page.goto('/p/links');
  await bothWidths(page, 'portal-links');
  expect(errors).toEqual([]);

  // the merchant's partner page lists the sub-id beside the link
  await owner.goto('/m/demo/partners?q=partner%40demo.test');
  await owner.getByRole('link', { name: /Pat Partner/ }).click();
  const consoleRow = owner.getByRole('row').filter({ hasText: `/r/${code}` });
  await expect(consoleRow.getByRole('cell', { name: subId, exact: true })).toBeVisible();
  await consoleRow.scrollIntoViewIfNeeded();
  await owner.screenshot({ path: 'test-results/screens/console-partner-link-sub-id-1440.png' });
});
