import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { scenarioPlayer, type PlayedScenario } from '../helpers/played-scenarios';
import { insertEnrollment, insertPartner } from '../../db/queries/partners';
import { listPoolClosings } from '../../db/queries/pool-progress';
import { insertLink } from '../../db/queries/tracked-links';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { poolProgress } from '../../lib/server/rewards/pools';
import { partnerRewardDetail, partnerRewardsPage } from '../../lib/server/portal-rewards';
import { partnerBonuses } from '../../lib/server/portal-bonuses';
import { ledgerEntries } from '../../db/schema';
import { formatAmount } from '../../lib/format';

// The partner portal's rewards and bonuses through their services (what /p/earnings, its "Why?"
// page and /p/bonuses render): the plain-words sentences of real scenario entries, tenancy by
// partner record, and a pool's closed and open periods from one partner's side only.

const db = testDatabase();
const played = scenarioPlayer();
const text = (sections: { lines: { text: string }[] }[]) => sections.flatMap((s) => s.lines.map((l) => l.text));

interface Pick {
  order?: string;
  kind: string;
  amount: string;
  partner?: string;
}

async function entriesMatching(run: PlayedScenario, pick: Pick) {
  const rows = await run.db.select().from(ledgerEntries).where(eq(ledgerEntries.workspaceId, run.ids.workspaceId)).orderBy(ledgerEntries.seq);
  return rows.filter((r) =>
    r.kind === pick.kind && r.amount === pick.amount && (pick.order === undefined || r.orderRef === pick.order)
    && (pick.partner === undefined || r.partnerId === run.ids.partners.get(pick.partner)));
}

// Each row: a scenario, the entries it picks (every match must read the same), and the sentence
// the earnings list and the "Why?" page show for it, exactly.
const headlines: [string, string, Pick, string][] = [
  ['recurring share, month of its duration', 'p09-recurring-duration-boundary.json', { order: 'o2', kind: 'commission', amount: '10.00' },
    '10% of 100.00 USD of subscription revenue from order o2, month 2 of 2; this customer has counted for you since 15 Jan 2026; payable from 15 Feb 2026'],
  ['recurring share without an end', 'p09-recurring-duration-boundary.json', { order: 'o5', kind: 'commission', amount: '5.00' },
    '5% of 100.00 USD of subscription revenue from order o5, month 37 (for as long as the customer pays); this customer has counted for you since 15 Jan 2026; payable from 15 Jan 2029'],
  ['last partner to refer, with the click', 'p11-group-refund-pool.json', { order: 'o1', kind: 'commission', amount: '400.00' },
    '20% of 2,000.00 USD of one-time revenue from order o1; you were the last partner to refer this customer (click on 5 Jan 2026); payable from 10 Jan 2026'],
  ['a split with one other partner, anonymous', 'p21-bot-and-duplicate-clicks.json', { order: 'o2', kind: 'commission', amount: '6.00' },
    'A 10.00 USD fee for order o2; you and one other partner referred this customer and shared the credit 60/40; your part: 6.00 USD; payable from 2 Aug 2026'],
  ['coupons of two partners', 'p07-coupons-override-two.json', { order: 'o1', kind: 'commission', amount: '5.01' },
    '10% of 100.10 USD of one-time revenue from order o1; the customer used your coupon and another partner’s, so you shared the credit 50/50; your part: 5.01 USD; payable from 2 Jun 2026'],
  ['a deal registration, the customer’s email masked', 'p17-deal-email-and-customer.json', { order: 'o1', kind: 'commission', amount: '500.00' },
    '5% of 10,000.00 USD of one-time revenue from order o1 (c•••@acme.test); you were the first partner to refer this customer (your deal registration of 10 Jan 2026); payable from 5 Mar 2026'],
  ['a customer assigned by hand', 'p31-manual-binding-recurring-start.json', { order: 'o1', kind: 'commission', amount: '50.00' },
    'A 50.00 USD new-customer fee for order o1; the merchant assigned this customer to you on 10 Apr 2026; payable from 12 Apr 2026'],
  ['a milestone shared by three', 'p19-milestone-once-per-customer.json', { kind: 'commission', amount: '33.34' },
    '100.00 USD because a customer you referred reached “go-live”; you and 2 other partners have shared the credit (your share: about 33.33%) for this customer since 4 Jun 2026; your part: 33.34 USD; payable from 20 Jun 2026'],
  ['revenue converted at a rate, rounded in the sentence', 'p02-jpy-zero-decimal.json', { order: 'o3', kind: 'commission', amount: '184' },
    '10% of about 1,842 JPY of one-time revenue from order o3; this customer has counted for you since 11 Feb 2026; payable from 12 Feb 2026'],
  ['a reversal names its refund', 'p11-group-refund-pool.json', { order: 'o1', kind: 'reversal', amount: '-100.00' },
    'Order o1 was refunded 575.00 USD on 1 Mar 2026, so 100.00 USD of your revenue share from it was reversed'],
  ['a clawback after payout', 'p22-clawback-paid-order.json', { order: 'o1', kind: 'clawback', amount: '-40.00' },
    'Order o1 was refunded 400.00 USD on 12 Jan 2026 after your revenue share from it was paid out, so 40.00 USD is taken back from your next payout'],
  ['the last part of a refund', 'p28-refund-split-entries.json', { order: 'o1', kind: 'reversal', amount: '-3.34' },
    'Order o1 was refunded its last 25.00 USD on 7 Sep 2026, so 3.34 USD of your order fee from it was reversed'],
  ['a pool bonus, others counted only', 'p11-group-refund-pool.json', { kind: 'bonus', amount: '294.87' },
    'q-pool, 2026-Q1: you referred 1,725.00 USD of revenue, above the 1,000.00 USD goal; 2 partners qualified and shared the 500.00 USD pool by their revenue; your bonus: 294.87 USD (58.97% of the pool); payable from 5 Apr 2026'],
  ['a customers pool', 'p15-customers-pool.json', { kind: 'bonus', amount: '120.00' },
    'new-logos, 2026-Q1: you referred 4 new customers, above the goal of 2 new customers; 3 partners qualified and shared the 300.00 USD pool by their number of new customers; your bonus: 120.00 USD (40% of the pool); payable from 5 Apr 2026'],
];

describe('rewards in plain words', () => {
  it.each(headlines)('%s', async (_title, file, pick, expected) => {
    const run = await played(file);
    const matches = await entriesMatching(run, pick);
    expect(matches.length).toBeGreaterThan(0);
    for (const entry of matches) {
      const detail = await partnerRewardDetail(run.db, [entry.partnerId], entry.id);
      expect(detail?.headline).toBe(expected);
      // the earnings list says the same sentence on the entry's row
      const page = await partnerRewardsPage(run.db, [entry.partnerId], { page: 1, pageSize: 100, sort: 'createdAt', dir: 'asc' });
      expect(page.rows.find((r) => r.id === entry.id)?.headline).toBe(expected);
    }
  });

  // Sentences of the "Why?" page's sections, for the cases the headline does not show.
  const details: [string, string, Pick, string[]][] = [
    ['an own click refused as a repeat, the others only counted', 'p21-bot-and-duplicate-clicks.json', { order: 'o1', kind: 'commission', amount: '5.00', partner: 'a' }, [
      'A click on your link: not counted, the same visitor clicked your link again within the hour, which counts once.',
      'One other partner also referred this customer (who they are stays private).',
      'This program gives 40% of the credit to the partner who referred the customer first, 40% to the last and 20% to those in between (with two partners, half each).',
    ]],
    ['rounding and the split in words', 'p02-jpy-zero-decimal.json', { order: 'o1', kind: 'commission', amount: '618' }, [
      '10% of 12,345 JPY = 1,234.5 JPY with all the credit.',
      'Rounded to whole JPY (halves round up): 1,235 JPY.',
      'Shared between 2 partners by their credit: your share (50%) is 618 JPY. The parts are rounded so that they add up to exactly 1,235 JPY; a leftover from rounding goes to the partner who referred the customer first.',
    ]],
    ['FX from the order’s currency', 'p23-fx-rate-change.json', { order: 'o1', kind: 'commission', amount: '110.00' }, [
      '1 line of the order counts in us: 1,000.00 EUR of qualifying revenue.',
      'The order was in EUR: at the merchant’s rate for that day, 1 EUR = 1.1 USD, that is 1,100.00 USD.',
    ]],
    ['a group pays through one program', 'p20-highest-reward-tie-rank.json', { order: 'o2', kind: 'commission', amount: '60.00' }, [
      'deal-tiers pays you through one of its programs per order: the program with the larger reward for you pays (the better-ranked one on a tie).',
      'pts (rank 1): does not pay you for this order.',
      'cash (rank 2): pays you for this order.',
    ]],
    ['a reversal links the original reward', 'p11-group-refund-pool.json', { order: 'o1', kind: 'reversal', amount: '-100.00' }, [
      'Order o1 was refunded 575.00 USD on 1 Mar 2026, out of 2,300.00 USD; 25% of the order is refunded so far.',
      'A share of revenue shrinks with the order: your reward of 400.00 USD becomes 75% of it, 300.00 USD (rounded to 2 decimal places, halves up).',
      'Your original reward had not been paid out yet, so the two net out before any payout.',
    ]],
  ];

  it.each(details)('%s', async (_title, file, pick, expected) => {
    const run = await played(file);
    const [entry] = await entriesMatching(run, pick);
    const detail = await partnerRewardDetail(run.db, [entry.partnerId], entry.id);
    for (const sentence of expected) expect(text(detail!.sections)).toContain(sentence);
  });

  it('a reversal’s link leads to the partner’s own original reward', async () => {
    const run = await played('p11-group-refund-pool.json');
    const [reversal] = await entriesMatching(run, { order: 'o1', kind: 'reversal', amount: '-100.00' });
    const detail = await partnerRewardDetail(run.db, [reversal.partnerId], reversal.id);
    const link = detail!.sections.flatMap((s) => s.lines).find((l) => l.entryId);
    expect(link?.entryId).toBe(reversal.reversesEntryId);
    expect(await partnerRewardDetail(run.db, [reversal.partnerId], link!.entryId!)).toMatchObject({ kind: 'commission', amount: '400.00' });
  });
});

describe('a partner reads only its own rewards', () => {
  async function order(workspaceId: string, id: string, code: string) {
    const at = new Date(Date.now() - 60_000);
    return ingestEvent(db, workspaceId, {
      id, type: 'order', occurredAt: at.toISOString(),
      data: { customer: { externalId: uniq('c') }, currency: 'USD', partnerCode: code, lines: [{ product: 'suite', amount: '200.00' }], coupons: [] },
    } as never, { source: 'api', now: at });
  }

  it('another partner’s entry id is not found, in its workspace or another', async () => {
    const a = await createMerchant(db);
    const b = await createMerchant(db);
    const past = new Date(Date.now() - 86_400_000);
    const partnerOf = async (ws: string, programId: string, name: string) => {
      const { id } = await insertPartner(db, ws, { email: `${uniq(name)}@p.test`, name });
      await insertEnrollment(db, { workspaceId: ws, partnerId: id, programId, status: 'approved', at: past });
      return id;
    };
    const ada = await partnerOf(a.scope.workspaceId, a.programId, 'Ada');
    const ben = await partnerOf(a.scope.workspaceId, a.programId, 'Ben');
    const cy = await partnerOf(b.scope.workspaceId, b.programId, 'Cy');
    // each partner's link code, sent as the order's partner code
    for (const [ws, partnerId, programId] of [[a.scope.workspaceId, ada, a.programId], [a.scope.workspaceId, ben, a.programId], [b.scope.workspaceId, cy, b.programId]] as const) {
      await insertLink(db, { workspaceId: ws, partnerId, programId, code: `code-${partnerId.slice(0, 8)}`, destinationUrl: 'https://shop.example/' });
    }
    const [adaEntry] = (await order(a.scope.workspaceId, uniq('o'), `code-${ada.slice(0, 8)}`)).result.entries;
    const [benEntry] = (await order(a.scope.workspaceId, uniq('o'), `code-${ben.slice(0, 8)}`)).result.entries;
    const [cyEntry] = (await order(b.scope.workspaceId, uniq('o'), `code-${cy.slice(0, 8)}`)).result.entries;
    expect([adaEntry?.partnerId, benEntry?.partnerId, cyEntry?.partnerId]).toEqual([ada, ben, cy]);

    expect(await partnerRewardDetail(db, [ada], adaEntry.id)).toMatchObject({ id: adaEntry.id, amount: '20.00' });
    // the same workspace's other partner, another workspace's partner: 404 alike
    expect(await partnerRewardDetail(db, [ada], benEntry.id)).toBeUndefined();
    expect(await partnerRewardDetail(db, [ada], cyEntry.id)).toBeUndefined();
    expect(await partnerRewardDetail(db, [], adaEntry.id)).toBeUndefined();
    // a user with partner records in both workspaces reads both, and still not Ben's
    expect(await partnerRewardDetail(db, [ada, cy], cyEntry.id)).toMatchObject({ id: cyEntry.id });
    const list = await partnerRewardsPage(db, [ada, cy], { page: 1, pageSize: 50, sort: 'createdAt', dir: 'asc' });
    expect(list.rows.map((r) => r.id).sort()).toEqual([adaEntry.id, cyEntry.id].sort());
    expect(list.rows.every((r) => r.headline.startsWith('10% of 200.00 USD of one-time revenue from order'))).toBe(true);
  });
});

describe('bonuses from one partner’s side', () => {
  // p11: q-pool (gold and silver) closed 2026-Q1 on 5 Apr with three partners measured; the page
  // is read on 10 Apr, in 2026-Q2, after o4 (g, 1,000.00 USD) and a refund of s's or t's order.
  const now = new Date('2026-04-10T00:00:00Z');

  it('the closed period equals the pool closing’s numbers, and the open one its progress', async () => {
    const run = await played('p11-group-refund-pool.json');
    const ws = run.ids.workspaceId;
    const poolId = run.ids.pools.get('q-pool')!;
    const [closing] = await listPoolClosings(run.db, ws, poolId);
    const progress = await poolProgress(run.db, ws, poolId, now);
    for (const key of ['g', 's', 't']) {
      const partnerId = run.ids.partners.get(key)!;
      const [view] = await partnerBonuses(run.db, [{ id: partnerId, workspaceId: ws }], now);
      expect(view).toMatchObject({ poolId, name: 'q-pool', periodKind: 'quarter', programs: ['gold', 'silver'] });
      const standing = closing.result.standings.find((s) => s.partnerId === partnerId)!;
      const [entry] = await run.db.select({ id: ledgerEntries.id }).from(ledgerEntries).where(and(eq(ledgerEntries.partnerId, partnerId), eq(ledgerEntries.kind, 'bonus')));
      expect(view.history).toEqual([expect.objectContaining({
        period: closing.period, metric: standing.metric, qualified: standing.qualified, bonus: standing.bonus,
        qualifiers: closing.result.standings.filter((s) => s.qualified).length, measured: closing.result.standings.length, entryId: entry?.id ?? null,
      })]);
      const now2 = progress.standings.find((s) => s.partnerId === partnerId)!;
      expect(view.current).toMatchObject({ period: '2026-Q2', metric: now2.metric, aboveGoal: now2.aboveGoal, qualifiers: progress.standings.filter((s) => s.aboveGoal).length });

      // nothing of the other partners leaves the server: not their ids, not their figures (raw or
      // in words), apart from values that are the pool's own terms or this partner's figures too
      const json = JSON.stringify(view, (key, value) => (key === 'terms' ? undefined : value));
      const words = [view.current?.sentence, ...view.history.map((h) => h.sentence)].join(' ');
      const own = new Set([standing.metric, standing.bonus, now2.metric, view.terms.goal, view.terms.amount]);
      const others = [
        ...closing.result.standings.filter((s) => s.partnerId !== partnerId).flatMap((s) => [s.metric, s.bonus]),
        ...progress.standings.filter((s) => s.partnerId !== partnerId).map((s) => s.metric),
      ].filter((v): v is string => v !== null && !own.has(v));
      for (const other of closing.result.standings.filter((s) => s.partnerId !== partnerId)) expect(json).not.toContain(other.partnerId);
      for (const value of others) {
        expect(json).not.toContain(`"${value}"`);
        // a whole figure, not the tail of a larger one ("0.00 USD" inside "1,000.00 USD")
        expect(words).not.toMatch(new RegExp(`(?<![\\d,.-])${formatAmount(value, 'USD').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      }
    }
  });

  it('in words: the period so far and each closed period', async () => {
    const run = await played('p11-group-refund-pool.json');
    const ws = run.ids.workspaceId;
    const [g] = await partnerBonuses(run.db, [{ id: run.ids.partners.get('g')!, workspaceId: ws }], now);
    expect(g.current?.sentence).toBe('Revenue you referred this quarter: 1,000.00 USD of the 1,000.00 USD goal — you qualify once you are above the goal; nobody qualifies so far; the 500.00 USD pool is shared among the partners above the goal by their revenue.');
    expect(g.history[0].sentence).toBe('You referred 1,725.00 USD of revenue, above the 1,000.00 USD goal; 2 partners qualified and shared the 500.00 USD pool by their revenue; your bonus: 294.87 USD (58.97% of the pool)');
    const [t] = await partnerBonuses(run.db, [{ id: run.ids.partners.get('t')!, workspaceId: ws }], now);
    expect(t.history[0]).toMatchObject({ qualified: false, bonus: null, entryId: null });
    expect(t.history[0].sentence).toMatch(/^You referred [\d,.]+ USD of revenue, not above the 1,000\.00 USD goal, so no bonus; 2 partners qualified/);
  });

  it('a partner in no pool of the workspace sees none', async () => {
    const run = await played('p11-group-refund-pool.json');
    const { id } = await insertPartner(run.db, run.ids.workspaceId, { email: `${uniq('x')}@p.test`, name: 'Outsider' });
    expect(await partnerBonuses(run.db, [{ id, workspaceId: run.ids.workspaceId }], now)).toEqual([]);
  });
});
