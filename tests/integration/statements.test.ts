import { beforeAll, describe, expect, it, vi } from 'vitest';
import Papa from 'papaparse';
import { and, eq, lte, sql } from 'drizzle-orm';
import { Decimal } from '../../lib/engine/decimal';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { insertPartner } from '../../db/queries/partners';
import { insertProgram } from '../../db/queries/programs';
import { insertUser } from '../../db/queries/users';
import { partnerBalances } from '../../db/queries/balances';
import { statementEntryPages, statementPayoutPages } from '../../db/queries/statement-movements';
import { ledgerEntries, payouts, units } from '../../db/schema';
import { createPayoutBatch } from '../../lib/server/rewards/payouts';
import { markPayoutFailed, markPayoutPaid } from '../../lib/server/rewards/payout-settle';
import { statementSummary } from '../../lib/server/statements';
import { statementPeriod } from '../../lib/server/statements-period';
import type { Explanation } from '../../lib/engine';

// GET /p/statements.csv as Next runs it (route handler, Request in, streamed Response out) against
// real Postgres; only the session is set by the test. One partner's October 2025, across both edges:
// entries before, in and after the period, a reversal, a clawback, a payout paid inside the period,
// one failed inside it, one still processing, and one batched inside but paid after it.

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));

const route = await import('../../app/(partner)/p/statements.csv/route');

const db = testDatabase();
type User = { id: string; email: string };
const signInAs = (user: User | null) => (session.current = user ? { user: { id: user.id, email: user.email } } : null);
const call = (query: string) => route.GET(new Request(`http://app.test/p/statements.csv?${query}`));

const EVIL = '=HYPERLINK("http://x","y")';
const FORMULA = /^[=+\-@\t\r]/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const AMOUNT_COLUMNS = ['amount', 'balance', 'payout_amount'];
const at = (iso: string) => new Date(iso);
const explanation = {} as Explanation;

let a: Awaited<ReturnType<typeof createMerchant>>;
let b: Awaited<ReturnType<typeof createMerchant>>;
let c: Awaited<ReturnType<typeof createMerchant>>;
let pat: User; // partner in a (and in b)
let quinn: User; // another partner of a
let stranger: User; // a partner of c only
const id: Record<string, string> = {};

async function entry(partnerId: string, key: string, v: { kind?: 'commission' | 'bonus' | 'reversal' | 'clawback'; amount: string; unit?: string; created: string; payable?: string; order?: string; programId?: string | null; workspaceId?: string }) {
  const [row] = await db.insert(ledgerEntries).values({
    workspaceId: v.workspaceId ?? a.scope.workspaceId, partnerId, programId: v.programId === undefined ? a.programId : v.programId, kind: v.kind ?? 'commission',
    rule: 'one_time_share', orderRef: v.order ?? `order-${key}`, amount: v.amount, unit: v.unit ?? 'USD',
    createdAt: at(v.created), payableAt: at(v.payable ?? v.created), explanation,
  }).returning({ id: ledgerEntries.id });
  id[key] = row.id;
}

const payoutOf = (batch: Awaited<ReturnType<typeof createPayoutBatch>>, unit = 'USD') => batch.payouts.find((p) => p.unit === unit)!.id;

beforeAll(async () => {
  [a, b, c] = await Promise.all([createMerchant(db), createMerchant(db), createMerchant(db)]);
  const ws = a.scope.workspaceId;
  await db.insert(units).values({ workspaceId: ws, key: 'points', label: 'Points', precision: 0, baseValue: '0.01' });
  const evil = await insertProgram(db, ws, { slug: 'evil', name: EVIL, category: 'referral', unit: 'USD', rules: [{ type: 'one_time_share', percent: '10' }], approvalMode: 'manual' });
  pat = await insertUser(db, { email: `${uniq('pat')}@partners.test`, name: 'Pat', passwordHash: 'x' });
  quinn = await insertUser(db, { email: `${uniq('quinn')}@partners.test`, name: 'Quinn', passwordHash: 'x' });
  stranger = await insertUser(db, { email: `${uniq('str')}@partners.test`, name: 'Stranger', passwordHash: 'x' });
  id.pat = (await insertPartner(db, ws, { email: pat.email, name: 'Pat', userId: pat.id })).id;
  id.quinn = (await insertPartner(db, ws, { email: quinn.email, name: 'Quinn', userId: quinn.id })).id;
  id.patB = (await insertPartner(db, b.scope.workspaceId, { email: pat.email, name: 'Pat in B', userId: pat.id })).id;
  id.stranger = (await insertPartner(db, c.scope.workspaceId, { email: stranger.email, name: 'Stranger', userId: stranger.id })).id;

  await entry(id.pat, 'e1', { amount: '100.00', created: '2025-09-10T10:00:00Z', payable: '2025-09-20T00:00:00Z' });
  await entry(id.pat, 'e2', { amount: '50.00', created: '2025-09-25T10:00:00Z', payable: '2025-10-05T00:00:00Z' });
  const b1 = await createPayoutBatch(db, ws, { reference: '+2025-09', at: at('2025-09-28T12:00:00Z'), partnerIds: [id.pat] });
  await markPayoutPaid(db, ws, payoutOf(b1), '+REF-1', at('2025-10-03T09:00:00Z'));
  // the first instant of the period belongs to it
  await entry(id.pat, 'e3', { amount: '80.25', created: '2025-10-01T00:00:00Z', payable: '2025-10-15T00:00:00Z', order: '-order-3', programId: evil.id });
  await entry(id.pat, 'e4', { kind: 'reversal', amount: '-20.00', created: '2025-10-12T08:00:00Z', payable: '2025-10-15T00:00:00Z', order: '-order-3', programId: evil.id });
  await entry(id.pat, 'e7', { kind: 'bonus', amount: '500', unit: 'points', created: '2025-10-15T00:00:00Z', programId: null });
  const b2 = await createPayoutBatch(db, ws, { reference: '@2025-10', at: at('2025-10-20T12:00:00Z'), partnerIds: [id.pat] });
  await markPayoutFailed(db, ws, payoutOf(b2), '=FAIL() bank said no', at('2025-10-25T09:00:00Z'));
  id.pointsPayout = payoutOf(b2, 'points'); // stays processing
  const b3 = await createPayoutBatch(db, ws, { reference: '-2025-10-b', at: at('2025-10-28T12:00:00Z'), partnerIds: [id.pat], units: ['USD'] });
  id.paidAfter = payoutOf(b3);
  await markPayoutPaid(db, ws, id.paidAfter, '@ref-3', at('2025-11-02T09:00:00Z'));
  // the last instant of the period belongs to it, the next one does not
  await entry(id.pat, 'e5', { kind: 'clawback', amount: '-5.00', created: '2025-10-31T23:59:59.999Z' });
  await entry(id.pat, 'e6', { amount: '10.00', created: '2025-11-01T00:00:00Z' });

  await entry(id.quinn, 'q1', { amount: '999.00', created: '2025-10-10T00:00:00Z' });
  await entry(id.patB, 'b1', { amount: '7.00', created: '2025-10-10T00:00:00Z', workspaceId: b.scope.workspaceId, programId: b.programId });
});

async function statement(user: User | null, query: string) {
  signInAs(user);
  const res = await call(query);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [head, ...rows] = parsed.data;
  // RFC 4180: every record has the header's fields, the summary rows too
  for (const row of rows) expect(row, row.join('|')).toHaveLength(head.length);
  return { res, text, head, rows, records: rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]]))) };
}

const october = () => `workspace=${a.workspaceSlug}&from=2025-10-01&to=2025-10-31`;

describe('a partner statement', () => {
  it('opens and closes each unit, and every movement of the period carries the running balance', async () => {
    const { res, records } = await statement(pat, october());
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${a.workspaceSlug}-statement-2025-10-01-to-2025-10-31.csv"`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const summary = records.filter((r) => r.row_type.endsWith('_balance')).map((r) => [r.row_type, r.time_utc, r.unit, r.balance]);
    expect(summary).toEqual([
      ['opening_balance', '2025-10-01T00:00:00.000Z', 'USD', '150.00'],
      ['closing_balance', '2025-11-01T00:00:00.000Z', 'USD', '105.25'],
      ['opening_balance', '2025-10-01T00:00:00.000Z', 'points', '0'],
      ['closing_balance', '2025-11-01T00:00:00.000Z', 'points', '500'],
    ]);
    const movements = records.filter((r) => !r.row_type.endsWith('_balance'));
    expect(movements.map((r) => [r.row_type, r.time_utc, r.unit, r.amount, r.balance, r.kind, r.status])).toEqual([
      ['entry', '2025-10-01T00:00:00.000Z', 'USD', '80.25', '230.25', 'commission', 'paid'],
      ['payout', '2025-10-03T09:00:00.000Z', 'USD', '-100.00', '130.25', '', 'paid'],
      ['entry', '2025-10-12T08:00:00.000Z', 'USD', '-20.00', '110.25', 'reversal', 'paid'],
      ['entry', '2025-10-15T00:00:00.000Z', 'points', '500', '500', 'bonus', 'processing'],
      ['payout', '2025-10-20T12:00:00.000Z', 'points', '0', '500', '', 'processing'],
      ['payout', '2025-10-25T09:00:00.000Z', 'USD', '0.00', '110.25', '', 'failed'],
      ['entry', '2025-10-31T23:59:59.999Z', 'USD', '-5.00', '105.25', 'clawback', 'payable'],
    ]);
    const failed = movements.find((r) => r.status === 'failed')!;
    expect([failed.payout_amount, failed.failure_reason]).toEqual(['110.25', "'=FAIL() bank said no"]);
    // Pat's alone: not Quinn's entry, not Pat's other workspace, nothing outside the period
    const ids = new Set(records.flatMap((r) => [r.entry_id, r.payout_id]));
    for (const key of ['q1', 'b1', 'e1', 'e2', 'e6']) expect(ids.has(id[key]), key).toBe(false);
    // batched in the period but paid after it: its entries name it, no payout row does
    expect(records.filter((r) => r.row_type === 'payout').map((r) => r.payout_id)).not.toContain(id.paidAfter);
    expect(records.find((r) => r.entry_id === id.e3)?.payout_id).toBe(id.paidAfter);
  });

  it('opening + the movements = closing per unit, and each balance is the one before plus its amount', async () => {
    const { records } = await statement(pat, october());
    for (const unit of ['USD', 'points']) {
      const of = (type: string) => records.find((r) => r.row_type === type && r.unit === unit)!.balance;
      let balance = new Decimal(of('opening_balance'));
      for (const r of records.filter((x) => x.unit === unit && (x.row_type === 'entry' || x.row_type === 'payout'))) {
        balance = balance.plus(r.amount);
        expect(new Decimal(r.balance).eq(balance), `${unit} ${r.time_utc}`).toBe(true);
      }
      expect(balance.eq(of('closing_balance')), unit).toBe(true);
    }
  });

  it('equals the engine’s balance buckets at both ends of the period (less what was paid by then)', async () => {
    const ws = a.scope.workspaceId;
    const period = statementPeriod({ from: '2025-10-01', to: '2025-10-31' }, new Date());
    const { units: summary } = await statementSummary(db, { partnerId: id.pat, workspaceId: ws }, period, new Date());
    const balanceAt = async (t: Date, unit: string) => {
      const [buckets] = (await partnerBalances(db, ws, t, id.pat)).filter((r) => r.unit === unit);
      const [paid] = await db.select({ sum: sql<string>`coalesce(sum(${payouts.amount}), 0)::text` }).from(payouts)
        .where(and(eq(payouts.partnerId, id.pat), eq(payouts.unit, unit), eq(payouts.status, 'paid'), lte(payouts.paidAt, t)));
      const all = buckets ? [buckets.pending, buckets.payable, buckets.processing, buckets.paid].reduce((s, x) => s.plus(x), new Decimal(0)) : new Decimal(0);
      return all.minus(paid.sum).toFixed();
    };
    for (const u of summary) {
      // the buckets count entries recorded up to and including T; the period's edges are exclusive
      expect(new Decimal(u.opening).toFixed(), `${u.unit} opening`).toBe(await balanceAt(new Date(period.start.getTime() - 1), u.unit));
      expect(new Decimal(u.closing).toFixed(), `${u.unit} closing`).toBe(await balanceAt(new Date(period.end.getTime() - 1), u.unit));
    }
  });

  it('a period that has not ended closes now, at the dashboard’s pending + payable + processing', async () => {
    const now = new Date();
    const { records } = await statement(pat, `workspace=${a.workspaceSlug}`);
    const monthStart = `${now.toISOString().slice(0, 7)}-01T00:00:00.000Z`;
    const balances = await partnerBalances(db, a.scope.workspaceId, new Date(), id.pat);
    for (const unit of ['USD', 'points']) {
      const opening = records.find((r) => r.row_type === 'opening_balance' && r.unit === unit)!;
      const closing = records.find((r) => r.row_type === 'closing_balance' && r.unit === unit)!;
      expect(opening.time_utc).toBe(monthStart);
      expect(Math.abs(Date.parse(closing.time_utc) - now.getTime())).toBeLessThan(60_000);
      const owed = balances.find((r) => r.unit === unit)!;
      expect(new Decimal(closing.balance).eq(new Decimal(owed.pending).plus(owed.payable).plus(owed.processing)), unit).toBe(true);
    }
    expect(records.find((r) => r.row_type === 'closing_balance' && r.unit === 'USD')!.balance).toBe('5.00');
  });

  it('program names, orders and references that look like formulas come out inert', async () => {
    const { head, rows, records } = await statement(pat, october());
    const amountAt = AMOUNT_COLUMNS.map((n) => head.indexOf(n));
    for (const row of rows) {
      row.forEach((cell, i) => {
        if (amountAt.includes(i)) expect(cell === '' || DECIMAL.test(cell), `${head[i]}: ${cell}`).toBe(true);
        else expect(cell, `${head[i]} of ${row.join('|')}`).not.toMatch(FORMULA);
      });
    }
    const e3 = records.find((r) => r.entry_id === id.e3)!;
    expect([e3.program_or_pool, e3.order, e3.payout_batch]).toEqual([`'${EVIL}`, "'-order-3", "'-2025-10-b"]);
    const paid = records.find((r) => r.row_type === 'payout' && r.status === 'paid')!;
    expect([paid.transfer_reference, paid.payout_batch]).toEqual(["'+REF-1", "'+2025-09"]);
  });

  it('another partner, another workspace or no partner record: 404, like signed out', async () => {
    const notFound = async (user: User | null, query: string) => {
      signInAs(user);
      const res = await call(query);
      expect(res.status, `${user?.email ?? 'signed out'} ${query}`).toBe(404);
      expect(await res.text()).not.toContain('2025');
    };
    const owner = { id: a.userId, email: a.email };
    await notFound(null, october());
    await notFound(null, `workspace=${a.workspaceSlug}&from=nonsense`); // nothing is parsed before the session
    await notFound(stranger, october());
    await notFound(owner, october()); // a member of the workspace is not its partner
    await notFound(pat, `workspace=${c.workspaceSlug}&from=2025-10-01&to=2025-10-31`);
    await notFound(pat, `workspace=no-such-${uniq()}&from=2025-10-01&to=2025-10-31`);

    // Quinn, a partner of the same workspace, gets Quinn's statement and nothing of Pat's
    const quinns = await statement(quinn, october());
    const ids = quinns.records.flatMap((r) => [r.entry_id, r.payout_id]).filter(Boolean);
    expect(ids).toEqual([id.q1]);
    // Pat's statement of the other merchant holds that merchant's entry only
    const other = await statement(pat, `workspace=${b.workspaceSlug}&from=2025-10-01&to=2025-10-31`);
    expect(other.records.filter((r) => r.row_type === 'entry').map((r) => r.entry_id)).toEqual([id.b1]);
    expect(other.records.find((r) => r.row_type === 'closing_balance')).toMatchObject({ unit: 'USD', balance: '7.00' });
  });

  it.each([
    ['from=2025-13-01&to=2025-12-31', 'from'],
    ['from=2025-02-01&to=2025-02-30', 'to'],
    ['from=01/10/2025', 'from'],
    ['from=1999-12-01&to=1999-12-31', 'from'],
    ['from=2025-11-01&to=2025-10-31', 'from'],
    ['from=2021-01-01&to=2025-01-01', 'to'],
  ])('%s is a 400 naming %s', async (query, param) => {
    signInAs(pat);
    const res = await call(`workspace=${a.workspaceSlug}&${query}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message.startsWith(`${param}:`), body.error.message).toBe(true);
    expect(Object.keys(body.error.fields)).toEqual([param]);
  });

  it('three years is the longest period', () => {
    expect(statementPeriod({ from: '2022-01-01', to: '2024-12-31' }, new Date())).toMatchObject({ from: '2022-01-01', to: '2024-12-31' });
    expect(() => statementPeriod({ from: '2022-01-01', to: '2025-01-01' }, new Date())).toThrow(/^to:/);
    // a missing from is the first day of to's month
    expect(statementPeriod({ to: '2025-02-14' }, new Date())).toMatchObject({ from: '2025-02-01', to: '2025-02-14' });
  });
});

describe('keyset pages', () => {
  it('read every movement once, in order, even when many share a millisecond', async () => {
    const ws = b.scope.workspaceId;
    const { id: partnerId } = await insertPartner(db, ws, { email: `${uniq('k')}@partners.test`, name: 'Keyset' });
    // microseconds apart within one millisecond, and exact ties broken by id
    const times = ['2025-10-05T10:00:00.000001Z', '2025-10-05T10:00:00.000002Z', '2025-10-05T10:00:00.000002Z', '2025-10-05T10:00:00.000999Z', '2025-10-06T00:00:00Z'];
    await db.insert(ledgerEntries).values(times.map((t, i) => ({
      workspaceId: ws, partnerId, kind: 'commission' as const, amount: `${i + 1}.00`, unit: 'USD', payableAt: at('2025-10-01T00:00:00Z'),
      createdAt: sql`${t}::timestamptz` as unknown as Date, explanation,
    })));
    const window = { workspaceId: ws, partnerId, opening: at('2025-10-01T00:00:00Z'), closing: at('2025-11-01T00:00:00Z') };
    const read = async (pageSize: number) => {
      const out: string[] = [];
      for await (const page of statementEntryPages(db, window, new Date(), pageSize)) out.push(...page.map((r) => r.atMicros + r.id));
      return out;
    };
    const whole = await read(1000);
    expect(whole).toHaveLength(times.length);
    expect(await read(1)).toEqual(whole);
    expect(await read(2)).toEqual(whole);

    const b1 = await createPayoutBatch(db, ws, { reference: uniq('k'), at: at('2025-10-07T00:00:00Z'), partnerIds: [partnerId] });
    const b2 = await createPayoutBatch(db, ws, { reference: uniq('k'), at: at('2025-10-07T00:00:00Z'), partnerIds: [partnerId] });
    expect(b2.payouts).toHaveLength(0);
    const payoutIds: string[] = [];
    for await (const page of statementPayoutPages(db, window, 1)) payoutIds.push(...page.map((p) => p.id));
    expect(payoutIds).toEqual(b1.payouts.map((p) => p.id));
  });

  it('a statement longer than a page streams whole: its running balance ends at its closing', async () => {
    const ws = c.scope.workspaceId;
    await db.execute(sql`
      insert into ledger_entries (workspace_id, partner_id, kind, amount, unit, payable_at, created_at, explanation, order_ref)
      select ${ws}::uuid, ${id.stranger}::uuid, 'commission', ((n % 7 + 1)::text || '.25')::numeric, 'USD', '2025-10-01'::timestamptz,
             '2025-10-01'::timestamptz + n * interval '1 second', '{}'::jsonb, '=o' || n
      from generate_series(1, 2500) as n`);
    signInAs(stranger);
    const res = await call(`workspace=${c.workspaceSlug}&from=2025-10-01&to=2025-10-31`);
    expect(res.status).toBe(200);
    const parsed = Papa.parse<string[]>(await res.text(), { skipEmptyLines: true, header: true });
    const rows = parsed.data as unknown as Record<string, string>[];
    const entries = rows.filter((r) => r.row_type === 'entry');
    expect(entries).toHaveLength(2500);
    expect(new Set(entries.map((r) => r.entry_id)).size).toBe(2500);
    const closing = rows.find((r) => r.row_type === 'closing_balance')!.balance;
    expect(entries.at(-1)!.balance).toBe(closing);
    const [sum] = await db.select({ s: sql<string>`sum(${ledgerEntries.amount})::text` }).from(ledgerEntries).where(eq(ledgerEntries.partnerId, id.stranger));
    expect(new Decimal(closing).eq(sum.s)).toBe(true);
  });
});
