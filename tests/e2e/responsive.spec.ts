import { expect, test, type Page } from '@playwright/test';

// Every console and portal page of the demo workspace, as owner, finance and partner, at 1440 and
// 390 px: no error page, no page or console error, no sideways scrolling of the page at 390 px, and a
// screenshot of each under test-results/screens/responsive-<role>-<page>-<width>.png.

const WIDTHS = [1440, 390] as const;
const CONSOLE = [
  '', '/programs', '/partners', '/deals', '/groups', '/pools', '/customers', '/events', '/ledger', '/payouts',
  '/settings', '/settings/api', '/settings/integration', '/settings/integrations', '/settings/tracking',
].map((p) => `/m/demo${p}`);
// detail pages: the first link of each list page to one of its items
const CONSOLE_DETAILS = ['programs', 'partners', 'customers', 'events', 'ledger'].map((list) => ({
  list: `/m/demo/${list}`,
  link: new RegExp(`^/m/demo/${list}/[0-9a-zA-Z_-]+$`),
}));
const PORTAL = ['/p', '/p/links', '/p/deals', '/p/earnings', '/p/bonuses', '/p/payouts', '/p/statements', '/p/profile'];
const PORTAL_DETAILS = [{ list: '/p/earnings', link: /^\/p\/earnings\/[0-9a-f-]+$/ }];

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

/** Collects uncaught page errors and console errors while a page is open. */
function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** The first link on a list page whose path matches, or null when the list has none (yet). */
async function firstDetailLink(page: Page, list: string, link: RegExp): Promise<string | null> {
  await page.goto(list);
  const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
  return hrefs.map((h) => h.split(/[?#]/)[0]).find((h) => link.test(h)) ?? null;
}

/** Elements sticking out past the right edge outside any scroll container: why the page scrolls. */
async function overflowCulprits(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1 && !clipped(el)) {
        out.push(`${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).slice(0, 60)} right=${Math.round(r.right)} "${(el.textContent ?? '').trim().slice(0, 40)}"`);
      }
    }
    return out.slice(-8);
  });
}

/** Boxes that cut their content off sideways (overflow hidden, no ellipsis): at 390 px a wide table must scroll instead. */
async function clippedContent(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.body.querySelectorAll('*'))
      .filter((el) => {
        const style = getComputedStyle(el);
        // (sr-only text is 1 px wide on purpose)
        return (style.overflowX === 'hidden' || style.overflowX === 'clip') && style.textOverflow !== 'ellipsis' && el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 1;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).slice(0, 60)} shows ${el.clientWidth} of ${el.scrollWidth}px "${(el.textContent ?? '').trim().slice(0, 40)}"`),
  );
}

async function checkPage(page: Page, errors: string[], path: string, role: string, width: number) {
  await test.step(`${path} at ${width}px`, async () => {
    errors.length = 0;
    const res = await page.goto(path, { timeout: 30_000 });
    // a page that keeps the network busy (polling) must not stall the tour: wait a little at most
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
    const slug = path.replace(/^\/m\/demo/, '').replace(/^\/p(?=\/|$)/, 'portal').replace(/\/[^/]{16,}$/, '/detail');
    const name = `responsive-${role}-${slug.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'overview'}-${width}`;
    await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
    expect.soft(res?.status(), `${path}: HTTP status`).toBeLessThan(400);
    await expect.soft(page.getByText(/Application error|Page not found|Something went wrong/), `${path}: an error page`).toHaveCount(0);
    await expect.soft(page.locator('main h1').first(), `${path}: a page heading`).toBeVisible();
    expect.soft(errors, `${path}: page and console errors`).toEqual([]);
    if (width < 640) {
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect.soft(scroll <= client ? [] : await overflowCulprits(page), `${path}: the page scrolls sideways at ${width}px (${scroll} > ${client})`).toEqual([]);
      expect.soft(await clippedContent(page), `${path}: content cut off at ${width}px (a table or box hides what does not fit instead of scrolling)`).toEqual([]);
    }
  });
}

async function checkAll(page: Page, role: string, pages: string[], details: { list: string; link: RegExp }[]) {
  const errors = watchErrors(page);
  const found: string[] = [];
  for (const d of details) {
    const href = await firstDetailLink(page, d.list, d.link);
    if (href) found.push(href);
    else test.info().annotations.push({ type: 'skipped', description: `${d.list} has no link to a detail page yet (looked for ${d.link})` });
  }
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 640 ? 844 : 900 });
    for (const path of [...pages, ...found]) await checkPage(page, errors, path, role, width);
  }
}

test.describe('every page at 1440 and 390 px', () => {
  test.describe.configure({ timeout: 300_000 });

  test('owner: every console page', async ({ page }) => {
    await signIn(page, 'owner@demo.test');
    await checkAll(page, 'owner', CONSOLE, CONSOLE_DETAILS);
  });

  test('finance: every console page, read-only where it configures', async ({ page }) => {
    await signIn(page, 'finance@demo.test');
    await checkAll(page, 'finance', CONSOLE, CONSOLE_DETAILS);
    await page.goto('/m/demo/settings/api');
    await expect(page.getByText('Read-only for the finance role.')).toBeVisible();
    // finance pays: no notice on payouts
    await page.goto('/m/demo/payouts');
    await expect(page.getByTestId('read-only-notice')).toHaveCount(0);
  });

  test('partner: every portal page', async ({ page }) => {
    await signIn(page, 'partner@demo.test');
    await checkAll(page, 'partner', PORTAL, PORTAL_DETAILS);
  });
});

test('at 390 px the navigation folds into a menu button; at 1440 px it is always there', async ({ page }) => {
  await signIn(page, 'owner@demo.test');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/m/demo/payouts');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(nav).toBeHidden();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link', { name: 'Ledger' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/responsive-menu-open-390.png' });
  // following a link closes the menu on the new page
  await nav.getByRole('link', { name: 'Ledger' }).click();
  await page.waitForURL('**/m/demo/ledger');
  await expect(nav).toBeHidden();

  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(menu).toBeHidden();
  await expect(nav.getByRole('link', { name: 'Ledger' })).toBeVisible();
});
