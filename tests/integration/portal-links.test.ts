/**
 * The partner portal's links and coupons: sub-ids (validation through the action, clicks recorded
 * the way production records them, nothing new at click time), what links brought per link and
 * per sub-id against counts made directly from the stored rows, QR downloads (own links only, the
 * image encodes the tracked URL), and coupons listed for their own partner record only.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import QRCode from 'qrcode';
import { createRequire } from 'node:module';
import { testDatabase, uniq } from '../helpers/db';
import { formOf } from '../helpers/actions';
import { storeClick } from '../helpers/clicks';
import { createMerchant } from '../helpers/fixtures';
import { drainClicks, isolateTrackingKeys, trackingWorkspace, visit } from '../helpers/tracking';
import { insertCoupon } from '../../db/queries/coupons';
import { insertEnrollment, insertPartner } from '../../db/queries/partners';
import { listPortalLinks } from '../../db/queries/portal-links';
import { portalSubIdSummary } from '../../db/queries/portal-links-sub-ids';
import { listPortalCoupons, programsCouponsCountIn } from '../../db/queries/portal-coupons';
import { insertUser } from '../../db/queries/users';
import { setAllowedDomains } from '../../db/queries/workspaces';
import { getRedis } from '../../lib/kv/redis';
import { createLink } from '../../lib/server/links';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { trackingKeys } from '../../lib/tracking/keys';
import { bindings, bindingShares, clicks, customerVisitors, enrollments, events, links, orderCredits } from '../../db/schema';

// pngjs comes with qrcode (its PNG writer) and has no types of its own: the reader is all we use
interface DecodedPng { width: number; height: number; data: Buffer }
const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: { sync: { read(bytes: Buffer): DecodedPng } } };

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ host: 'portal.test', 'x-forwarded-proto': 'https' }) }));

const { createPartnerLinkAction } = await import('../../lib/actions/links');
const { GET: qrGet } = await import('../../app/(partner)/p/links/[linkId]/qr/route');

isolateTrackingKeys();
const db = testDatabase();

let ws: Awaited<ReturnType<typeof trackingWorkspace>>;
let me: { id: string; email: string };
let enrollmentId: string;
const mine = () => ({ workspaceId: ws.workspaceId, partnerId: ws.partners[0].id });
const firstPage = { page: 1, pageSize: 100, sort: 'createdAt' as const, dir: 'asc' as const };

beforeAll(async () => {
  const user = await insertUser(db, { email: `${uniq('partner')}@users.test`, name: 'Link Partner', passwordHash: 'x' });
  me = { id: user.id, email: user.email };
  ws = await trackingWorkspace(db, 2, { userIdOfFirst: user.id });
  // the enrollment the form posts, as the page's select offers it
  const [row] = await db.select({ id: enrollments.id }).from(enrollments).where(eq(enrollments.partnerId, ws.partners[0].id));
  enrollmentId = row.id;
  session.current = { user: me };
});

const linksOfMe = async () => db.select({ id: links.id, subId: links.subId }).from(links).where(eq(links.partnerId, ws.partners[0].id));

describe('sub-ids on the link form', () => {
  it.each([
    ['two words', 'a space'],
    ['x'.repeat(65), 'too long'],
    ['naïve', 'a letter outside A–Z'],
    ['semi;colon', 'a semicolon'],
    ['<b>', 'markup'],
  ])('refuses %j (%s), naming the field, and writes nothing', async (subId) => {
    const before = (await linksOfMe()).length;
    const result = await createPartnerLinkAction(null, formOf({ enrollmentId, destinationUrl: 'https://shop.example/x', code: '', subId }));
    expect(result.ok).toBe(false);
    expect(Object.keys((result as { fields?: Record<string, string> }).fields ?? {})).toEqual(['subId']);
    expect((await linksOfMe()).length).toBe(before);
  });

  it('stores a valid sub-id as typed, and a blank one as none', async () => {
    const made = await createPartnerLinkAction(null, formOf({ enrollmentId, destinationUrl: 'https://shop.example/a', code: uniq('typed'), subId: ' Spring_2026.v-2 ' }));
    expect(made).toMatchObject({ ok: true, message: expect.stringContaining('with sub-id Spring_2026.v-2') });
    const blank = await createPartnerLinkAction(null, formOf({ enrollmentId, destinationUrl: 'https://shop.example/b', code: uniq('blank'), subId: '   ' }));
    expect(blank.ok).toBe(true);
    const subIds = (await linksOfMe()).map((l) => l.subId);
    expect(subIds).toContain('Spring_2026.v-2');
    expect(subIds).toContain(null);
  });

  it('a link with a sub-id redirects and records its click like any other; the edge cache carries no sub-id', async () => {
    const plain = await createLink(db, ws.workspaceId, { partnerId: ws.partners[0].id, programId: ws.programId, destinationUrl: 'https://shop.example/plain' });
    const labelled = await createLink(db, ws.workspaceId, { partnerId: ws.partners[0].id, programId: ws.programId, destinationUrl: 'https://shop.example/l', subId: 'edge-check' });
    const cached = async (code: string) => JSON.parse((await getRedis().get<string>(trackingKeys.link(code)))!) as Record<string, unknown>;
    // the same fields for both links: click time reads nothing new
    expect(Object.keys(await cached(labelled.code)).sort()).toEqual(Object.keys(await cached(plain.code)).sort());
    expect(JSON.stringify(await cached(labelled.code))).not.toContain('edge-check');

    await drainClicks(db);
    const answer = await visit(labelled.code);
    expect(answer.res.status).toBe(302);
    expect(answer.location).toMatch(/^https:\/\/shop\.example\/l\?ref_click=clk_/);
    await drainClicks(db);
    const stored = await db.select().from(clicks).where(eq(clicks.linkId, labelled.id));
    expect(stored).toHaveLength(1);
    const page = await listPortalLinks(db, mine(), { ...firstPage, subId: 'edge-check' });
    expect(page.rows.map((r) => ({ id: r.id, clicks: r.clicks, visitors: r.visitors }))).toEqual([{ id: labelled.id, clicks: 1, visitors: 1 }]);
  });
});

describe('what links brought, per link and per sub-id', () => {
  // A fresh merchant so the earlier tests' links do not count. Mine: two "news" links, one "blog"
  // and one without a sub-id; the other partner has a "news" link of its own that must never count.
  let w: Awaited<ReturnType<typeof trackingWorkspace>>;
  const link: Record<string, { id: string; code: string }> = {};
  // after the enrollments' approval (now): eligibility is judged at the order's time
  let t0 = 0;
  const at = (minutes: number) => new Date(t0 + minutes * 60_000);
  const scope = () => ({ workspaceId: w.workspaceId, partnerId: w.partners[0].id });

  const order = (id: string, customer: string, amount: string, extra: Record<string, unknown>, minutes: number) =>
    ingestEvent(db, w.workspaceId, {
      id, type: 'order', occurredAt: at(minutes).toISOString(),
      data: { customer: { externalId: customer }, currency: 'USD', lines: [{ product: 'suite', amount, recurring: false }], coupons: [], ...extra },
    } as never, { source: 'api', now: at(minutes) });

  beforeAll(async () => {
    w = await trackingWorkspace(db, 2);
    t0 = Date.now() + 1_000;
    const make = async (name: string, partner: number, subId?: string) => {
      link[name] = await createLink(db, w.workspaceId, { partnerId: w.partners[partner].id, programId: w.programId, destinationUrl: `https://shop.example/${name}`, subId });
    };
    await make('news1', 0, 'news');
    await make('news2', 0, 'news');
    await make('blog', 0, 'blog');
    await make('plain', 0);
    await make('theirs', 1, 'news');
    await insertCoupon(db, { workspaceId: w.workspaceId, partnerId: w.partners[0].id, programId: w.programId, code: 'MINE10', stripePromotionCodeId: null });

    const click = (code: string, visitorId: string, minutes: number, bot = false) => storeClick(db, w.workspaceId, { linkCode: code, visitorId, at: at(minutes), bot });
    await click(link.news1.code, 'v1', 0);
    await click(link.news2.code, 'v1', 10); // v1's last click before buying
    await click(link.news1.code, 'v2', 5);
    await click(link.news1.code, 'v2', 6); // a repeat: a click, not a visitor
    await click(link.blog.code, 'v3', 1);
    await click(link.plain.code, 'v4', 2);
    await click(link.news2.code, 'v5', 3, true); // a bot: nothing
    await click(link.theirs.code, 'v6', 4);

    await order('o1', 'c1', '200.00', { visitorId: 'v1' }, 24 * 60);
    await order('o2', 'c1', '100.00', {}, 25 * 60); // a repeat customer: an order, not a customer
    await order('o3', 'c2', '50.00', { visitorId: 'v3' }, 24 * 60);
    await order('o4', 'c3', '80.00', { visitorId: 'v6' }, 24 * 60); // the other partner's
    await order('o5', 'c4', '40.00', { coupons: ['mine10'] }, 24 * 60); // mine, through a coupon
  });

  it('per link: clicks, visitors, the customer counted for the link last clicked, its orders and revenue', async () => {
    const { rows, total } = await listPortalLinks(db, scope(), firstPage);
    expect(total).toBe(4);
    const by = Object.fromEntries(rows.map((r) => [r.code, r]));
    expect(by[link.news1.code]).toMatchObject({ subId: 'news', clicks: 3, visitors: 2, customers: 0, orders: 0 });
    expect(by[link.news2.code]).toMatchObject({ subId: 'news', clicks: 1, visitors: 1, customers: 1, orders: 2 });
    expect(Number(by[link.news2.code].revenue)).toBe(300);
    expect(by[link.blog.code]).toMatchObject({ subId: 'blog', clicks: 1, visitors: 1, customers: 1, orders: 1 });
    expect(Number(by[link.blog.code].revenue)).toBe(50);
    expect(by[link.plain.code]).toMatchObject({ subId: null, clicks: 1, visitors: 1, customers: 0, orders: 0 });
    expect(rows.map((r) => r.id)).not.toContain(link.theirs.id);

    // sorting and paging come from the server
    const busiest = await listPortalLinks(db, scope(), { page: 1, pageSize: 1, sort: 'clicks', dir: 'desc' });
    expect(busiest).toMatchObject({ total: 4, rows: [{ code: link.news1.code }] });
    const beyond = await listPortalLinks(db, scope(), { page: 9, pageSize: 1, sort: 'clicks', dir: 'desc' });
    expect(beyond).toEqual({ total: 4, rows: [] });
  });

  it('per sub-id: the numbers the fixture was built with', async () => {
    const summary = await portalSubIdSummary(db, scope());
    const by = Object.fromEntries(summary.rows.map((r) => [r.subId ?? '(none)', { ...r, revenue: Number(r.revenue) }]));
    expect(by).toEqual({
      news: { subId: 'news', links: 2, clicks: 4, visitors: 2, customers: 1, orders: 2, revenue: 300 },
      blog: { subId: 'blog', links: 1, clicks: 1, visitors: 1, customers: 1, orders: 1, revenue: 50 },
      '(none)': { subId: null, links: 1, clicks: 1, visitors: 1, customers: 0, orders: 0, revenue: 0 },
    });
    expect(summary.rows[0].subId).toBe('news'); // busiest first
    expect({ ...summary.all, revenue: Number(summary.all.revenue) }).toEqual({ links: 4, clicks: 6, visitors: 4, customers: 2, orders: 3, revenue: 350 });
    expect(summary.customersWithoutLink).toBe(1); // c4, through the coupon
    expect(summary.groups).toBe(3);
  });

  it('per sub-id equals counts made directly from the stored rows', async () => {
    const p = w.partners[0].id;
    const myLinks = await db.select().from(links).where(and(eq(links.workspaceId, w.workspaceId), eq(links.partnerId, p)));
    const subOf = new Map(myLinks.map((l) => [l.id, l.subId ?? '(none)']));
    const myClicks = (await db.select().from(clicks).where(inArray(clicks.linkId, myLinks.map((l) => l.id)))).filter((c) => !c.isBot);
    // the customer's link: its last human click on my links at or before its first binding to me
    const shares = await db.select({ customerId: bindings.customerId, boundAt: bindings.boundAt }).from(bindingShares)
      .innerJoin(bindings, eq(bindings.id, bindingShares.bindingId)).where(eq(bindingShares.partnerId, p));
    const firstBound = new Map<string, number>();
    for (const s of shares) firstBound.set(s.customerId, Math.min(firstBound.get(s.customerId) ?? Infinity, s.boundAt.getTime()));
    const visitorsOf = await db.select().from(customerVisitors).where(eq(customerVisitors.workspaceId, w.workspaceId));
    const linkOfCustomer = new Map<string, string>();
    for (const [customerId, boundAt] of firstBound) {
      const vs = new Set(visitorsOf.filter((v) => v.customerId === customerId).map((v) => v.visitorId));
      const last = myClicks.filter((c) => vs.has(c.visitorId) && c.occurredAt.getTime() <= boundAt).sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.seq - a.seq)[0];
      if (last) linkOfCustomer.set(customerId, last.linkId);
    }
    const credits = await db.select({ eventId: orderCredits.eventId, revenue: orderCredits.creditedRevenueBase, customerId: events.customerId })
      .from(orderCredits).innerJoin(events, eq(events.id, orderCredits.eventId)).where(eq(orderCredits.partnerId, p));

    const direct = new Map<string, { clicks: number; visitors: Set<string>; customers: number; orders: Set<string>; revenue: number }>();
    const group = (sub: string) => direct.get(sub) ?? direct.set(sub, { clicks: 0, visitors: new Set(), customers: 0, orders: new Set(), revenue: 0 }).get(sub)!;
    for (const c of myClicks) {
      const g = group(subOf.get(c.linkId)!);
      g.clicks += 1;
      g.visitors.add(c.visitorId);
    }
    for (const [customerId, linkId] of linkOfCustomer) {
      const g = group(subOf.get(linkId)!);
      g.customers += 1;
      for (const cr of credits.filter((x) => x.customerId === customerId && !g.orders.has(x.eventId))) {
        g.orders.add(cr.eventId);
        g.revenue += Number(cr.revenue);
      }
    }

    const summary = await portalSubIdSummary(db, scope());
    for (const r of summary.rows) {
      const d = direct.get(r.subId ?? '(none)')!;
      expect({ clicks: r.clicks, visitors: r.visitors, customers: r.customers, orders: r.orders, revenue: Number(r.revenue) })
        .toEqual({ clicks: d.clicks, visitors: d.visitors.size, customers: d.customers, orders: d.orders.size, revenue: d.revenue });
    }
    expect(summary.rows.map((r) => r.subId ?? '(none)').sort()).toEqual([...direct.keys()].sort());
  });

  it('the other partner sees only its own "news" link, with its own customer', async () => {
    const theirs = await portalSubIdSummary(db, { workspaceId: w.workspaceId, partnerId: w.partners[1].id });
    expect(theirs.rows).toEqual([{ subId: 'news', links: 1, clicks: 1, visitors: 1, customers: 1, orders: 1, revenue: expect.any(String) }]);
    expect(Number(theirs.rows[0].revenue)).toBe(80);
    // a partner id of another workspace finds nothing here
    expect((await listPortalLinks(db, { workspaceId: ws.workspaceId, partnerId: w.partners[0].id }, firstPage)).total).toBe(0);
  });

  it('coupons: the partner’s own only, with their program, status and the orders that used them', async () => {
    const other = await createMerchant(db, { approvalMode: 'auto' });
    const elsewhere = await insertPartner(db, other.scope.workspaceId, { email: `${uniq('p')}@partners.test`, name: 'Elsewhere' });
    await insertEnrollment(db, { workspaceId: other.scope.workspaceId, partnerId: elsewhere.id, programId: other.programId, status: 'approved', at: new Date() });
    await insertCoupon(db, { workspaceId: other.scope.workspaceId, partnerId: elsewhere.id, programId: other.programId, code: 'ELSE10', stripePromotionCodeId: null });
    await insertCoupon(db, { workspaceId: w.workspaceId, partnerId: w.partners[1].id, programId: w.programId, code: 'THEIRS10', stripePromotionCodeId: null });

    const listed = await listPortalCoupons(db, scope());
    expect(listed.map((c) => ({ code: c.code, programName: c.programName, disabled: c.disabled, orders: c.orders }))).toEqual([
      { code: 'MINE10', programName: 'Referrals', disabled: false, orders: 1 },
    ]);
    expect((await listPortalCoupons(db, { workspaceId: w.workspaceId, partnerId: w.partners[1].id })).map((c) => c.code)).toEqual(['THEIRS10']);
    // a partner id paired with a workspace it does not belong to lists nothing
    expect(await listPortalCoupons(db, { workspaceId: w.workspaceId, partnerId: elsewhere.id })).toEqual([]);
    expect(await programsCouponsCountIn(db, scope())).toEqual(['Referrals']);
  });
});

describe('QR codes of tracked links', () => {
  let own: { id: string; code: string };
  let foreign: { id: string; code: string };

  beforeAll(async () => {
    own = await createLink(db, ws.workspaceId, { partnerId: ws.partners[0].id, programId: ws.programId, destinationUrl: 'https://shop.example/qr', subId: 'print.flyer' });
    foreign = await createLink(db, ws.workspaceId, { partnerId: ws.partners[1].id, programId: ws.programId, destinationUrl: 'https://shop.example/qr2' });
  });

  const get = (linkId: string, format?: string) =>
    qrGet(new Request(`https://portal.test/p/links/${linkId}/qr${format === undefined ? '' : `?format=${format}`}`), { params: Promise.resolve({ linkId }) });

  it('another partner’s link, an unknown id, a malformed id or no session: 404 alike, whatever the format', async () => {
    session.current = { user: me };
    for (const [id, format] of [[foreign.id, 'png'], [foreign.id, 'gif'], ['00000000-0000-4000-8000-000000000000', 'svg'], ['not-a-uuid', 'png']]) {
      const res = await get(id, format);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
    }
    session.current = null;
    expect((await get(own.id, 'png')).status).toBe(404);
    session.current = { user: me };
  });

  it('a bad format on one’s own link is a 400 naming it', async () => {
    const res = await get(own.id, 'gif');
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual({ format: 'must be png or svg' });
  });

  it('PNG (the default): a file named after the link whose modules are the library’s encoding of the tracked URL', async () => {
    const url = `https://portal.test/r/${own.code}`;
    const res = await get(own.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="qr-${own.code}-print.flyer.png"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    // read the pixels back: the centre of every module must be dark exactly where the library's
    // own encoding of the URL has a dark module, with a light 4-module quiet zone around it
    const png = PNG.sync.read(bytes);
    const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
    // the library may split the text into byte and numeric segments; together they are the URL
    const text = qr.segments.map((s) => (s as unknown as { data: Uint8Array | string }).data).map((d) => (typeof d === 'string' ? d : Buffer.from(d).toString())).join('');
    expect(text).toBe(url);
    const size = qr.modules.size;
    const scale = png.width / (size + 8);
    expect(png.width).toBeGreaterThanOrEqual(1000);
    const dark = (row: number, col: number) => {
      const x = Math.floor((col + 4 + 0.5) * scale);
      const y = Math.floor((row + 4 + 0.5) * scale);
      return png.data[(y * png.width + x) * 4] < 128;
    };
    let mismatches = 0;
    for (let r = -4; r < size + 4; r++) {
      for (let c = -4; c < size + 4; c++) {
        const inside = r >= 0 && c >= 0 && r < size && c < size;
        const expected = inside && Boolean(qr.modules.get(r, c));
        if (dark(r, c) !== expected) mismatches += 1;
      }
    }
    expect(mismatches).toBe(0);
  });

  it('SVG: the library’s SVG of the same URL, path data and all', async () => {
    const url = `https://portal.test/r/${own.code}`;
    const res = await get(own.id, 'svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="qr-${own.code}-print.flyer.svg"`);
    const svg = await res.text();
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toMatch(/<path [^>]*d="M[^"]+"/);
    expect(svg).toBe(await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }));
    // a different URL would draw a different symbol: the comparison above is not vacuous
    expect(svg).not.toBe(await QRCode.toString(`${url}x`, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }));
  });

  it('another merchant’s link of the same user still downloads (QR follows the user’s partner records)', async () => {
    const second = await createMerchant(db, { approvalMode: 'auto' });
    await setAllowedDomains(db, second.scope.workspaceId, ['shop.example']);
    const p = await insertPartner(db, second.scope.workspaceId, { email: me.email, name: 'Link Partner', userId: me.id });
    await insertEnrollment(db, { workspaceId: second.scope.workspaceId, partnerId: p.id, programId: second.programId, status: 'approved', at: new Date() });
    const there = await createLink(db, second.scope.workspaceId, { partnerId: p.id, programId: second.programId, destinationUrl: 'https://shop.example/2' });
    expect((await get(there.id, 'svg')).status).toBe(200);
  });
});
