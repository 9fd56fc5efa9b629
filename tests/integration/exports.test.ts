import { beforeAll, describe, expect, it, vi } from 'vitest';
import Papa from 'papaparse';
import { and, eq, sql } from 'drizzle-orm';
import { Decimal } from '../../lib/engine/decimal';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { financeAndViewer, type SessionUser } from '../helpers/actions';
import { insertPartner, linkPartnerToUser } from '../../db/queries/partners';
import { insertUser } from '../../db/queries/users';
import { partnerBalances } from '../../db/queries/balances';
import { recordAudit } from '../../db/queries/audit';
import { ledgerEntries, payoutItems, payouts, units } from '../../db/schema';
import { writePayoutDetails } from '../../lib/server/payout-details';
import { createPayoutBatch, markPayoutFailed, markPayoutPaid } from '../../lib/server/rewards/payouts';
import { bulkFileCoverage } from '../../lib/server/exports/bulk-files';
import { paymentId } from '../../lib/csv/payout-row';
import { WISE_HEADER } from '../../lib/csv/wise';
import type { PayoutDetails } from '../../lib/domain/payout-details';
import type { Explanation } from '../../lib/engine';

// The CSV routes run as Next runs them (route handler, Request in, streamed Response out) against
// real Postgres; only the session is set by the test. Every file is parsed back with papaparse.

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));

const batchRoute = await import('../../app/(merchant)/m/[workspace]/payouts/[batchId]/export.csv/route');
const ledgerRoute = await import('../../app/(merchant)/m/[workspace]/ledger/export.csv/route');
const balancesRoute = await import('../../app/(merchant)/m/[workspace]/payouts/balances.csv/route');
const auditRoute = await import('../../app/(merchant)/m/[workspace]/audit/export.csv/route');

const db = testDatabase();
const signInAs = (user: SessionUser | null) => (session.current = user ? { user: { id: user.id, email: user.email } } : null);

type Params = { workspace: string; batchId?: string };
type Route = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;
const call = (route: Route, params: Params, path: string) =>
  route(new Request(`http://app.test${path}`), { params: Promise.resolve(params) as Promise<never> });

const EVIL = '=HYPERLINK("http://x","y")';
const FORMULA = /^[=+\-@\t\r]/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const past = (days: number) => new Date(Date.now() - days * 86_400_000);
const explanation = {} as Explanation;

let a: Awaited<ReturnType<typeof createMerchant>>;
let b: Awaited<ReturnType<typeof createMerchant>>;
let finance: SessionUser;
let viewer: SessionUser;
let partnerUser: SessionUser;
let batchId: string;
let otherBatchId: string;
const ids: Record<string, string> = {};

async function partnerWith(name: string, details: PayoutDetails | null, entries: [string, string][]) {
  const { id } = await insertPartner(db, a.scope.workspaceId, { email: `${uniq('p')}@partners.test`, name });
  if (details) await writePayoutDetails(db, a.scope.workspaceId, id, details, null);
  await db.insert(ledgerEntries).values(
    entries.map(([amount, unit], i) => ({
      workspaceId: a.scope.workspaceId, partnerId: id, programId: a.programId, kind: amount.startsWith('-') ? ('reversal' as const) : ('commission' as const),
      rule: 'one_time_share' as const, orderRef: i === 0 ? '-order-1' : `order-${i}`, amount, unit, payableAt: past(10), createdAt: past(20 - i), explanation,
    })),
  );
  return id;
}

beforeAll(async () => {
  a = await createMerchant(db);
  b = await createMerchant(db);
  ({ finance, viewer } = await financeAndViewer(db, a.scope.workspaceId));
  partnerUser = await insertUser(db, { email: `${uniq('pu')}@partners.test`, name: 'P', passwordHash: 'x' });
  await db.insert(units).values({ workspaceId: a.scope.workspaceId, key: 'points', label: 'Points', precision: 0, baseValue: '0.01' });

  ids.evil = await partnerWith(EVIL, { method: 'paypal', email: 'evil@paypal.test' }, [['100', 'USD'], ['25.5', 'USD'], ['-12.50', 'USD'], ['500', 'points']]);
  ids.bank = await partnerWith('Bank Co', { method: 'bank_transfer', accountHolder: 'Bank Co GmbH', holderType: 'business', country: 'DE', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' }, [['80.1', 'EUR']]);
  ids.tab = await partnerWith('\tTab Partner', { method: 'wise', email: 'tab@wise.test', accountHolder: '-Minus Holder' }, [['40', 'USD']]);
  ids.none = await partnerWith('No Details Ltd', null, [['30', 'USD']]);
  ids.euro = await partnerWith('Euro Pal', { method: 'paypal', email: 'euro@paypal.test' }, [['60', 'EUR']]);
  ids.paid = await partnerWith('Paid Pal', { method: 'paypal', email: 'paid@paypal.test' }, [['15', 'USD']]);
  ids.failed = await partnerWith('@Other', { method: 'other', instructions: "=cmd|' /C calc'!A0" }, [['20', 'USD']]);
  await linkPartnerToUser(db, a.scope.workspaceId, ids.paid, partnerUser.id);

  const batch = await createPayoutBatch(db, a.scope.workspaceId, { reference: '2026-11', at: new Date() });
  batchId = batch.batchId;
  const payoutOf = (partner: string) => batch.payouts.find((p) => p.partnerId === ids[partner])!.id;
  await markPayoutPaid(db, a.scope.workspaceId, payoutOf('paid'), '+REF-001', new Date());
  await markPayoutFailed(db, a.scope.workspaceId, payoutOf('failed'), '=FAIL() bank said no', new Date());
  await recordAudit(db, { workspaceId: a.scope.workspaceId, actorUserId: a.userId, action: 'settings.updated', subjectType: 'settings', subjectId: '+1 555', data: { note: '=1+1' } });

  const bPartner = await insertPartner(db, b.scope.workspaceId, { email: 'x@partners.test', name: 'B partner' });
  await db.insert(ledgerEntries).values({ workspaceId: b.scope.workspaceId, partnerId: bPartner.id, kind: 'commission', amount: '5', unit: 'USD', payableAt: past(5), createdAt: past(6), explanation });
  otherBatchId = (await createPayoutBatch(db, b.scope.workspaceId, { reference: 'b-1', at: new Date() })).batchId;
});

async function download(route: Route, params: Params, path: string, header = true) {
  signInAs(finance);
  const res = await call(route, params, path);
  expect(res.status, await peekError(res)).toBe(200);
  const text = await res.text();
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [head, ...rows] = header ? parsed.data : [[], ...parsed.data];
  const records = rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
  return { res, text, head, rows, records };
}

async function peekError(res: Response) {
  return res.status === 200 ? '' : await res.clone().text();
}

/** No text cell a spreadsheet would run; amount columns are plain decimals. */
function expectInert(rows: string[][], amountColumns: number[]) {
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (amountColumns.includes(i)) expect(cell).toMatch(DECIMAL);
      else expect(cell, `cell ${i} of ${row.join('|')}`).not.toMatch(FORMULA);
    });
  }
}

const amountColumnsOf = (head: string[], names: string[]) => names.map((n) => head.indexOf(n)).filter((i) => i >= 0);

/** The ledger's own sum of the entries each payout of the batch holds. */
async function payoutSums(): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: payouts.id, sum: sql<string>`sum(${ledgerEntries.amount})::text` })
    .from(payouts)
    .innerJoin(payoutItems, eq(payoutItems.payoutId, payouts.id))
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, payoutItems.entryId))
    .where(and(eq(payouts.batchId, batchId)))
    .groupBy(payouts.id);
  return new Map(rows.map((r) => [r.id, r.sum]));
}

const ws = () => ({ workspace: a.workspaceSlug });
const batchParams = () => ({ workspace: a.workspaceSlug, batchId });
const batchPath = (query = '') => `/m/${a.workspaceSlug}/payouts/${batchId}/export.csv${query}`;

describe('batch CSV', () => {
  it('is one row per payout with details whole, amounts equal to the ledger, times in UTC, text inert', async () => {
    const { res, head, rows, records } = await download(batchRoute.GET, batchParams(), batchPath());
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${a.workspaceSlug}-payouts-2026-11-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    expect(head).toContain('paid_at_utc');
    const sums = await payoutSums();
    expect(records).toHaveLength(sums.size);
    for (const r of records) {
      const unitPlaces = r.unit === 'points' ? 0 : 2;
      expect(r.amount).toBe(new Decimal(sums.get(r.payout_id)!).toFixed(unitPlaces));
      expect(r.payment_id).toBe(paymentId(r.payout_id));
    }
    const of = (name: string, unit = 'USD') => records.find((r) => r.partner === name && r.unit === unit)!;
    expect(of(`'${EVIL}`)).toMatchObject({ amount: '113.00', payout_method: 'paypal', payout_email: 'evil@paypal.test', status: 'processing' });
    expect(of(`'${EVIL}`, 'points')).toMatchObject({ amount: '500', unit: 'points' });
    expect(of('Bank Co', 'EUR')).toMatchObject({ amount: '80.10', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', account_holder_type: 'business' });
    expect(of("'\tTab Partner")).toMatchObject({ payout_method: 'wise', account_holder: "'-Minus Holder" });
    expect(of('No Details Ltd')).toMatchObject({ payout_method: '', amount: '30.00' });
    expect(of('Paid Pal')).toMatchObject({ status: 'paid', transfer_reference: "'+REF-001", paid_at_utc: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) });
    expect(of("'@Other")).toMatchObject({ status: 'failed', failure_reason: "'=FAIL() bank said no", payout_instructions: "'=cmd|' /C calc'!A0" });
    expectInert(rows, amountColumnsOf(head, ['amount']));
  });

  it('a PayPal file needs one currency when the batch pays in several, and says so naming the field', async () => {
    signInAs(finance);
    const res = await call(batchRoute.GET, batchParams(), batchPath('?format=paypal'));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^currency: PayPal takes one currency per file and this batch pays in EUR, USD/);
  });

  it('the PayPal file has no header, pays processing PayPal payouts of its currency, and names what it left out', async () => {
    const { res, rows } = await download(batchRoute.GET, batchParams(), batchPath('?format=paypal&currency=usd'), false);
    expect(res.headers.get('content-disposition')).toMatch(/-payouts-2026-11-paypal-USD-\d{4}-\d{2}-\d{2}\.csv"$/);
    const sums = await payoutSums();
    const evilPayout = [...(await db.select({ id: payouts.id }).from(payouts).where(and(eq(payouts.partnerId, ids.evil), eq(payouts.unit, 'USD'))))][0].id;
    expect(rows).toEqual([['evil@paypal.test', new Decimal(sums.get(evilPayout)!).toFixed(2), 'USD', paymentId(evilPayout), 'Partner payout 2026-11', 'PAYPAL']]);
    expect(res.headers.get('x-included')).toBe('1');
    expect(res.headers.get('x-left-out')).toBe(
      '2 payouts already paid or failed; 1 payout in points (not a currency); 1 payout in EUR (PayPal takes one currency per file); ' +
        '1 payout to partners without payout details; 2 payouts to partners without a PayPal email',
    );
    expectInert(rows, [1]);
    const euro = await download(batchRoute.GET, batchParams(), batchPath('?format=paypal&currency=EUR'), false);
    expect(euro.rows).toEqual([['euro@paypal.test', '60.00', 'EUR', expect.any(String), 'Partner payout 2026-11', 'PAYPAL']]);
  });

  it('the Wise file has its template header, bank and email rows, and names what it left out', async () => {
    const { res, head, rows, records } = await download(batchRoute.GET, batchParams(), batchPath('?format=wise'));
    expect(head).toEqual([...WISE_HEADER]);
    // by partner name: "\tTab Partner" sorts before "Bank Co"
    expect(records).toEqual([
      expect.objectContaining({ name: "'-Minus Holder", recipientEmail: 'tab@wise.test', receiverType: 'PERSON', amount: '40.00', targetCurrency: 'USD', IBAN: '' }),
      expect.objectContaining({ name: 'Bank Co GmbH', receiverType: 'BUSINESS', amountCurrency: 'target', amount: '80.10', sourceCurrency: 'EUR', targetCurrency: 'EUR', IBAN: 'DE89370400440532013000', BIC: 'COBADEFFXXX' }),
    ]);
    expect(res.headers.get('x-left-out')).toBe(
      '2 payouts already paid or failed; 1 payout in points (not a currency); 1 payout to partners without payout details; 2 payouts to partners paid by PayPal or another way',
    );
    expectInert(rows, amountColumnsOf(head, ['amount']));
  });

  it('the batch page reads the same coverage the downloads announce', async () => {
    const coverage = await bulkFileCoverage(db, a.scope.workspaceId, batchId);
    expect(coverage.paypal.currencies).toEqual([
      { currency: 'EUR', payouts: 1, total: '60.00' },
      { currency: 'USD', payouts: 1, total: '113.00' },
    ]);
    expect(coverage.paypal.leftOut).toEqual([
      // the Wise partner and the bank account
      '2 payouts already paid or failed', '1 payout in points (not a currency)', '1 payout to partners without payout details', '2 payouts to partners without a PayPal email',
    ]);
    expect(coverage.wise).toMatchObject({ payouts: 2, overLimit: null, currencies: [{ currency: 'EUR', payouts: 1, total: '80.10' }, { currency: 'USD', payouts: 1, total: '40.00' }] });
  });

  it('an unknown format is a 400 naming it', async () => {
    signInAs(finance);
    const res = await call(batchRoute.GET, batchParams(), batchPath('?format=xlsx'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_input', message: expect.stringMatching(/^format: "xlsx" is not an export format/) } });
  });
});

describe('ledger CSV', () => {
  it('has every entry with its status now, amounts as the ledger holds them, text inert', async () => {
    const { head, rows, records } = await download(ledgerRoute.GET, ws(), `/m/${a.workspaceSlug}/ledger/export.csv`);
    expect(head).toEqual(['entry_id', 'time_utc', 'partner', 'partner_email', 'program_or_pool', 'kind', 'rule', 'order', 'amount', 'unit', 'status', 'payable_from_utc', 'payout_id', 'payout_batch']);
    const stored = await db.select({ id: ledgerEntries.id, amount: ledgerEntries.amount }).from(ledgerEntries).where(eq(ledgerEntries.workspaceId, a.scope.workspaceId));
    expect(records.map((r) => r.entry_id).sort()).toEqual(stored.map((s) => s.id).sort());
    for (const r of records) expect(new Decimal(r.amount).eq(stored.find((s) => s.id === r.entry_id)!.amount)).toBe(true);
    const statusOf = (name: string) => [...new Set(records.filter((r) => r.partner === name).map((r) => r.status))];
    expect(statusOf('Paid Pal')).toEqual(['paid']);
    expect(statusOf("'@Other")).toEqual(['payable']); // its payout failed: the entries are payable again
    expect(statusOf(`'${EVIL}`)).toEqual(['processing']);
    expect(records.find((r) => r.amount === '-12.50')).toMatchObject({ kind: 'reversal', order: 'order-2', payout_batch: '2026-11' });
    expect(records.find((r) => r.amount === '100.00')).toMatchObject({ kind: 'commission', order: "'-order-1", program_or_pool: 'Referrals', rule: 'one_time_share' });
    expectInert(rows, amountColumnsOf(head, ['amount']));
  });

  it("takes the ledger page's filters, and refuses one that does not parse", async () => {
    const { records } = await download(ledgerRoute.GET, ws(), `/m/${a.workspaceSlug}/ledger/export.csv?partner=${ids.evil}&unit=USD&kind=reversal`);
    expect(records.map((r) => [r.amount, r.unit, r.kind])).toEqual([['-12.50', 'USD', 'reversal']]);
    const paid = await download(ledgerRoute.GET, ws(), `/m/${a.workspaceSlug}/ledger/export.csv?status=paid`);
    expect(paid.records.map((r) => r.partner)).toEqual(['Paid Pal']);
    signInAs(finance);
    const res = await call(ledgerRoute.GET, ws(), `/m/${a.workspaceSlug}/ledger/export.csv?partner=not-an-id`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^partner: /);
  });
});

describe('balances CSV', () => {
  it('equals the payouts page balances per partner and unit, exactly', async () => {
    const { head, rows, records } = await download(balancesRoute.GET, ws(), `/m/${a.workspaceSlug}/payouts/balances.csv`);
    const expected = await partnerBalances(db, a.scope.workspaceId, new Date());
    expect(records).toHaveLength(expected.length);
    for (const e of expected) {
      const r = records.find((x) => x.partner_id === e.partnerId && x.unit === e.unit)!;
      const places = e.unit === 'points' ? 0 : 2;
      for (const bucket of ['pending', 'payable', 'processing', 'paid'] as const) expect(r[bucket]).toBe(new Decimal(e[bucket]).toFixed(places));
    }
    expect(records.find((r) => r.partner === 'Paid Pal')).toMatchObject({ paid: '15.00', payable: '0.00' });
    expectInert(rows, amountColumnsOf(head, ['pending', 'payable', 'processing', 'paid']));
  });
});

describe('audit CSV', () => {
  it('holds the log oldest first with compact JSON, text inert', async () => {
    const { head, rows, records } = await download(auditRoute.GET, ws(), `/m/${a.workspaceSlug}/audit/export.csv`);
    expect(head).toEqual(['time_utc', 'actor_email', 'actor_api_key', 'action', 'subject_type', 'subject_id', 'before', 'after', 'data']);
    expect(records.map((r) => r.action)).toEqual(expect.arrayContaining(['payout_details.updated', 'payout_batch.created', 'settings.updated']));
    expect(records.map((r) => r.time_utc)).toEqual([...records.map((r) => r.time_utc)].sort());
    expect(records.find((r) => r.action === 'settings.updated')).toMatchObject({ subject_id: "'+1 555", data: '{"note":"=1+1"}', actor_email: a.email });
    expectInert(rows, []);
  });

  it('takes the audit page filters, and refuses one that does not parse', async () => {
    const { records } = await download(auditRoute.GET, ws(), `/m/${a.workspaceSlug}/audit/export.csv?subject=settings`);
    expect(records.map((r) => r.action)).toEqual(['settings.updated']);
    const byAction = await download(auditRoute.GET, ws(), `/m/${a.workspaceSlug}/audit/export.csv?action=payout.marked_paid&from=2000-01-01`);
    expect(byAction.records.map((r) => r.action)).toEqual(['payout.marked_paid']);
    signInAs(finance);
    const res = await call(auditRoute.GET, ws(), `/m/${a.workspaceSlug}/audit/export.csv?subject=nonsense`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^subject: /);
  });
});

describe('who may download', () => {
  const routes = () => [
    { name: 'batch', route: batchRoute.GET, params: batchParams(), path: batchPath() },
    { name: 'paypal', route: batchRoute.GET, params: batchParams(), path: batchPath('?format=paypal&currency=USD') },
    { name: 'wise', route: batchRoute.GET, params: batchParams(), path: batchPath('?format=wise') },
    { name: 'ledger', route: ledgerRoute.GET, params: ws(), path: `/m/${a.workspaceSlug}/ledger/export.csv` },
    { name: 'balances', route: balancesRoute.GET, params: ws(), path: `/m/${a.workspaceSlug}/payouts/balances.csv` },
    { name: 'audit', route: auditRoute.GET, params: ws(), path: `/m/${a.workspaceSlug}/audit/export.csv` },
  ];

  it('viewers, partners, other tenants and the signed out get 404 on every export; owners and finance get the file', async () => {
    const refused: [string, SessionUser | null][] = [
      ['viewer', viewer], ['partner', partnerUser], ['other tenant', { id: b.userId, email: b.email }], ['anonymous', null],
    ];
    for (const r of routes()) {
      for (const [who, user] of refused) {
        signInAs(user);
        const res = await call(r.route, r.params, r.path);
        expect(res.status, `${who} on ${r.name}`).toBe(404);
        expect(res.headers.get('content-type')).not.toMatch(/csv/);
      }
      for (const user of [finance, { id: a.userId, email: a.email }]) {
        signInAs(user);
        const res = await call(r.route, r.params, r.path);
        expect(res.status, r.name).toBe(200);
        await res.body?.cancel();
      }
    }
  });

  it("another tenant's batch id, or one that is not an id, is 404 too", async () => {
    signInAs(finance);
    for (const id of [otherBatchId, 'not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      const res = await call(batchRoute.GET, { workspace: a.workspaceSlug, batchId: id }, `/m/${a.workspaceSlug}/payouts/${id}/export.csv`);
      expect(res.status, id).toBe(404);
    }
  });
});

describe('a 100,000-entry ledger export streams', () => {
  it('serves the first rows before the last page is read, in page-sized chunks, every entry exactly once', async () => {
    const c = await createMerchant(db);
    const { finance: cFinance } = await financeAndViewer(db, c.scope.workspaceId);
    const { id: partnerId } = await insertPartner(db, c.scope.workspaceId, { email: 'bulk@partners.test', name: 'Bulk Partner' });
    // three entries per second, microseconds included: the keyset must neither repeat nor skip ties
    await db.execute(sql`
      insert into ledger_entries (workspace_id, partner_id, program_id, kind, amount, unit, payable_at, created_at, explanation)
      select ${c.scope.workspaceId}::uuid, ${partnerId}::uuid, ${c.programId}::uuid, 'commission', (i % 1000)::numeric / 100, 'USD',
             timestamptz '2026-01-01 00:00:00.000123+00' + (i / 3) * interval '1 second',
             timestamptz '2026-01-01 00:00:00.000123+00' + (i / 3) * interval '1 second', '{}'::jsonb
      from generate_series(1, 100000) as i`);
    signInAs(cFinance);
    const res = await call(ledgerRoute.GET, { workspace: c.workspaceSlug }, `/m/${c.workspaceSlug}/ledger/export.csv`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let largestChunk = 0;
    const readChunk = async () => {
      const { done, value } = await reader.read();
      if (!done) {
        largestChunk = Math.max(largestChunk, value.byteLength);
        text += decoder.decode(value, { stream: true });
      }
      return !done;
    };
    await readChunk(); // the header
    await readChunk(); // the first page
    expect(text.split('\r\n').length - 2).toBe(1000);
    // written after the first rows went out, ordered last: only a stream that reads as it goes has it
    const lateId = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
    await db.execute(sql`
      insert into ledger_entries (id, workspace_id, partner_id, kind, amount, unit, payable_at, created_at, explanation)
      values (${lateId}, ${c.scope.workspaceId}, ${partnerId}, 'commission', 1, 'USD', now(), timestamptz '2026-01-01 00:00:00.000123+00' + 33333 * interval '1 second', '{}'::jsonb)`);
    while (await readChunk());
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data.slice(1);
    expect(rows).toHaveLength(100_001);
    expect(new Set(rows.map((r) => r[0])).size).toBe(100_001);
    expect(rows.at(-1)![0]).toBe(lateId);
    const [stored] = await db.select({ sum: sql<string>`sum(amount)::text` }).from(ledgerEntries).where(eq(ledgerEntries.workspaceId, c.scope.workspaceId));
    expect(rows.reduce((s, r) => s.plus(r[8]), new Decimal(0)).eq(stored.sum)).toBe(true);
    // a chunk is one page of rows (a few hundred KB at most), never the file (over 10 MB)
    expect(text.length).toBeGreaterThan(10_000_000);
    expect(largestChunk).toBeLessThan(400_000);
  }, 120_000);
});
