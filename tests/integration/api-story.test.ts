/* eslint-disable @typescript-eslint/no-explicit-any -- the answers are read as JSON an integrator receives; their shapes are checked by serve() against the document */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { apiKeyFor, callApi, walkList } from '../helpers/api';
import { saveAllowedDomains } from '../../lib/server/tracking-settings';
import { runScenario } from '../../scripts/scenarios/run';
import { compareWithExpectation } from '../../scripts/scenarios/compare';
import type { Scenario, ScenarioBalance, ScenarioEntry, ScenarioPayout } from '../../scripts/scenarios/format';
import * as programs from '../../app/api/v1/programs/route';
import * as partners from '../../app/api/v1/partners/route';
import * as enrollments from '../../app/api/v1/enrollments/route';
import * as approveEnrollment from '../../app/api/v1/enrollments/[id]/approve/route';
import * as links from '../../app/api/v1/links/route';
import * as coupons from '../../app/api/v1/coupons/route';
import * as events from '../../app/api/v1/events/route';
import * as ledger from '../../app/api/v1/ledger/entries/route';
import * as batches from '../../app/api/v1/payout-batches/route';
import * as batch from '../../app/api/v1/payout-batches/[id]/route';
import * as payouts from '../../app/api/v1/payouts/route';
import * as markPaid from '../../app/api/v1/payouts/[id]/mark-paid/route';
import * as balances from '../../app/api/v1/balances/route';

// The whole story of issue 12 through the REST API alone, then the same steps through the scenario
// runner (the services the console and the signed endpoints call), and the two ledgers, balances and
// payouts must be the same. The workspace itself comes from sign-up, and its tracked links' allowed
// host from Settings → Tracking, as for any merchant; everything after that is an API call.

const db = testDatabase();

const RULES = [
  { type: 'per_customer', amount: '50.00' },
  { type: 'recurring_share', percent: '20', durationMonths: 3 },
] as const;
const SCOPE = { include: { products: [], plans: [], categories: ['subscription'] }, exclude: { products: [], plans: [], categories: [] } };
type OrderData = { customer: { externalId: string }; lines: { product: string; amount: string }[]; partnerCode?: string; coupons?: string[] };
const sub = (amount = '100.00') => ({ product: 'pro', plan: 'monthly', category: 'subscription', amount, recurring: true });

/**
 * The story's orders and refunds, as events (the runner's steps are built from the same list). They
 * happen after the program was created (`t0`): terms apply from the moment they are written, so an
 * order dated before the program existed earns nothing. 100 ms apart, in the order below except o6,
 * which is posted last but happened before o4.
 */
function storyEvents(linkCode: string, couponCode: string, t0: number) {
  const at = (step: number) => new Date(t0 + step * 100).toISOString();
  return [
    { id: 'o1', type: 'order', occurredAt: at(1), data: { customer: { externalId: 'c1' }, currency: 'USD', partnerCode: linkCode, lines: [sub(), { product: 'onboarding', category: 'services', amount: '300.00' }] } },
    { id: 'o2', type: 'order', occurredAt: at(2), data: { customer: { externalId: 'c2' }, currency: 'USD', coupons: [couponCode], lines: [sub('80.00')] } },
    { id: 'o3', type: 'order', occurredAt: at(3), data: { customer: { externalId: 'c1' }, currency: 'USD', lines: [sub()] } },
    { id: 'r1', type: 'refund', occurredAt: at(4), data: { orderId: 'o3', amount: '50.00' } },
    { id: 'o4', type: 'order', occurredAt: at(6), data: { customer: { externalId: 'c1' }, currency: 'USD', lines: [sub()] } },
    { id: 'o5', type: 'order', occurredAt: at(7), data: { customer: { externalId: 'c1' }, currency: 'USD', lines: [sub()] } },
    { id: 'o6', type: 'order', occurredAt: at(5), data: { customer: { externalId: 'c2' }, currency: 'USD', lines: [sub('80.00'), { product: 'hat', category: 'merch', amount: '20.00' }] } },
  ];
}

/** The same story as a scenario for the runner. */
function storyScenario(linkCode: string, couponCode: string, t0: number): Scenario {
  const steps: Scenario['steps'] = storyEvents(linkCode, couponCode, t0).map((e) =>
    e.type === 'refund'
      ? { at: e.occurredAt, refund: { order: (e.data as { orderId: string }).orderId, amount: (e.data as { amount: string }).amount } }
      : {
          at: e.occurredAt,
          order: {
            id: e.id, customer: (e.data as OrderData).customer.externalId, currency: 'USD', lines: (e.data as OrderData).lines.map((l) => ({ ...l })),
            ...((e.data as OrderData).partnerCode ? { partnerCode: (e.data as OrderData).partnerCode } : {}),
            ...((e.data as OrderData).coupons ? { coupons: [...(e.data as OrderData).coupons!] } : {}),
          },
        },
  );
  // the runner plays steps in order; the story posts them in the order above (o6 after o5), so sort by time for both
  steps.sort((a, b) => a.at.localeCompare(b.at));
  const end = new Date(t0 + 1000).toISOString();
  steps.push({ at: end, payout: { batch: 'B1' } }, { at: end, paid: { batch: 'B1' } });
  return {
    title: 'issue 12 story',
    workspace: { baseCurrency: 'USD' },
    programs: [{ key: 'saas', category: 'referral', unit: 'USD', model: 'last_touch', windowDays: 60, couponPrecedence: 'override', holdDays: 0, scope: { include: { categories: ['subscription'] } }, rewards: RULES.map((r) => ({ ...r })) }],
    partners: [{ key: 'r1', email: `${uniq('r1')}@partners.test`, enrollments: [{ program: 'saas' }], links: [{ code: linkCode }], coupons: [{ code: couponCode }] }],
    steps,
    expect: { entries: [], payouts: [] },
  } as Scenario;
}

let key: string;
let workspaceId: string;

beforeAll(async () => {
  process.env.API_RATE_LIMIT_PER_MINUTE = '100000';
  const merchant = await createMerchant(db);
  workspaceId = merchant.scope.workspaceId;
  await saveAllowedDomains(db, workspaceId, ['shop.example.com']);
  key = await apiKeyFor(db, workspaceId, 'read_write');
});

async function ok(res: Promise<{ status: number; json: any; text: string }>, status = 200) {
  const r = await res;
  expect(r.status, r.text.slice(0, 400)).toBe(status);
  return r.json;
}

describe('the story through the API alone', () => {
  it('produces the ledger, payouts and balances the scenario runner produces for the same steps', async () => {
    const linkCode = uniq('lnk').toLowerCase();
    const couponCode = uniq('CPN').toUpperCase().slice(0, 20);
    const post = (handler: typeof programs.POST, path: string, body: unknown, params: Record<string, string> = {}) =>
      callApi(handler, 'POST', { key, path, body, params, headers: { 'idempotency-key': uniq('idem') } });

    // a program with a scope and a recurring rule
    const program = await ok(post(programs.POST, '/programs', {
      name: 'SaaS referrals', category: 'referral', unit: 'USD', model: 'last_touch', window_days: 60, coupon_precedence: 'override', hold_days: 0, rules: RULES, scope: SCOPE,
    }), 201);
    expect(program.rules).toEqual(RULES);

    // a partner, created (five identical racing POSTs with one Idempotency-Key write one) and approved
    const email = `${uniq('ada')}@agency.example`;
    const headers = { 'idempotency-key': uniq('partner') };
    const racing = await Promise.all(Array.from({ length: 5 }, () => callApi(partners.POST, 'POST', { key, path: '/partners', body: { email, name: 'Ada' }, headers })));
    expect(racing.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(racing.map((r) => r.text)).size).toBe(1);
    const partner = racing[0]!.json;
    expect((await walkList<any>(partners.GET, key, `/partners?email=${encodeURIComponent(email)}`)).map((p) => p.id)).toEqual([partner.id]);
    const enrollment = await ok(post(enrollments.POST, '/enrollments', { partner_id: partner.id, program_id: program.id, status: 'pending' }), 201);
    expect(enrollment.status).toBe('pending');
    const approved = await ok(post(approveEnrollment.POST, `/enrollments/${enrollment.id}/approve`, {}, { id: enrollment.id }));
    expect(approved.status).toBe('approved');

    // a link and a coupon
    const link = await ok(post(links.POST, '/links', { partner_id: partner.id, program_id: program.id, destination_url: 'https://shop.example.com/pricing', code: linkCode }), 201);
    expect(link.code).toBe(linkCode);
    const coupon = await ok(post(coupons.POST, '/coupons', { partner_id: partner.id, program_id: program.id, code: couponCode }), 201);
    expect(coupon.code).toBe(couponCode);

    // the events, each posted twice: the repeat (same event id, new Idempotency-Key) changes nothing
    const storyStart = Date.now();
    const story = storyEvents(linkCode, couponCode, storyStart);
    // the events' times must have passed when they are posted
    await new Promise((r) => setTimeout(r, 800));
    for (const event of story) {
      const first = await callApi(events.POST, 'POST', { key, path: '/events', body: event, headers: { 'idempotency-key': uniq('ev') } });
      const again = await callApi(events.POST, 'POST', { key, path: '/events', body: event, headers: { 'idempotency-key': uniq('ev') } });
      expect(first.status, first.text).toBeLessThan(300);
      expect(again.text).toBe(first.text);
    }

    // the ledger, read page by page
    const entries = await walkList<any>(ledger.GET, key, '/ledger/entries');
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);

    // a batch, paid
    let created = await ok(post(batches.POST, '/payout-batches', { reference: 'B1' }), 201);
    for (let i = 0; created.state === 'building' && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      created = await ok(callApi(batch.GET, 'GET', { key, path: `/payout-batches/${created.id}`, params: { id: created.id } }));
    }
    const batchPayouts = await walkList<any>(payouts.GET, key, `/payouts?batch_id=${created.id}`);
    expect(batchPayouts.length).toBeGreaterThan(0);
    for (const p of batchPayouts) {
      const paid = await ok(post(markPaid.POST, `/payouts/${p.id}/mark-paid`, { reference: 'WIRE-1' }, { id: p.id }));
      expect(paid.status).toBe('paid');
    }
    const apiPayouts = await walkList<any>(payouts.GET, key, '/payouts');
    const apiBalances = await walkList<any>(balances.GET, key, '/balances', { cursorOf: (b) => b.partner_id });

    // the same story through the scenario runner, in its own workspace
    const scenario = storyScenario(uniq('rl').toLowerCase(), uniq('RC').toUpperCase().slice(0, 20), storyStart);
    const runner = await runScenario(db, scenario);
    expect(runner.refused).toEqual([]);

    const asEntry = (e: any): ScenarioEntry => ({
      partner: e.partner_id === partner.id ? 'r1' : e.partner_id, program: e.program_id === program.id ? 'saas' : e.program_id, kind: e.kind,
      ...(e.rule ? { rule: e.rule } : {}), ...(e.order_id ? { order: e.order_id } : {}), amount: e.amount, unit: e.unit,
    });
    const asPayout = (p: any): ScenarioPayout => ({ batch: 'B1', partner: p.partner_id === partner.id ? 'r1' : p.partner_id, unit: p.unit, amount: p.amount, status: p.status });
    const asBalances = (b: any): ScenarioBalance[] =>
      b.balances.map((u: any) => ({ partner: b.partner_id === partner.id ? 'r1' : b.partner_id, unit: u.unit, pending: u.pending, payable: u.payable, processing: u.processing, paid: u.paid }));

    const viaApi: Scenario = {
      ...scenario,
      expect: { entries: entries.map(asEntry), payouts: apiPayouts.map(asPayout), balances: { at: new Date(storyStart + 1000).toISOString(), rows: apiBalances.flatMap(asBalances) } },
    };
    expect(compareWithExpectation(viaApi, runner)).toEqual([]);
    // and the story did what it says: rewards, a reversal for the refund, one paid payout
    expect(entries.some((e) => e.kind === 'reversal' && e.order_id === 'o3')).toBe(true);
    expect(entries.filter((e) => e.kind === 'commission' && e.rule === 'recurring_share').map((e) => e.order_id).sort()).toEqual(['o1', 'o2', 'o3', 'o4', 'o5', 'o6']);
    expect(apiPayouts.map((p) => p.status)).toEqual(['paid']);
  }, 60_000);
});
