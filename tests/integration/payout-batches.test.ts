import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { financeAndViewer, formOf } from '../helpers/actions';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { playStep } from '../../scripts/scenarios/steps';
import { storeClick } from '../helpers/clicks';
import type { ScenarioStep } from '../../scripts/scenarios/format';
import { loadEntryStates } from '../../db/queries/ledger';
import { loadWorkspaceConfig } from '../../db/queries/reward-state';
import { auditLog, payoutBatches, payoutItems, payouts, workspaces } from '../../db/schema';
import { planPayoutBatch } from '../../lib/engine';
import { writePayoutDetails } from '../../lib/server/payout-details';
import { createPayoutBatch } from '../../lib/server/rewards/payouts';
import { previewPayoutBatch } from '../../lib/server/rewards/payout-preview';
import { buildBatchChunkIn, buildPayoutBatch, confirmPayoutBatch } from '../../lib/server/rewards/payout-build';
import { markBatchPayoutsPaid, markPayoutFailed } from '../../lib/server/rewards/payout-settle';

// Payout batches end to end against a real database: the preview is what the batch creates, the
// chunked build equals the engine's single plan, builders and confirms racing write everything
// once, a build resumes after a crash, settling (one, bulk, failed) with audit rows in the same
// transaction, and every action and page refuses viewers and other tenants. Only the session and
// Next's request-scoped helpers (revalidatePath, after) are replaced.

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
const scheduled = vi.hoisted(() => [] as (() => Promise<void>)[]);
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/server', async (original) => ({ ...(await original<typeof import('next/server')>()), after: (task: () => Promise<void>) => void scheduled.push(task) }));

const { createPayoutBatchAction, markPayoutsPaidAction, settlePayoutAction } = await import('../../lib/actions/payouts');
const buildJob = await import('../../app/api/jobs/build-payout-batches/route');
const { default: BatchPage } = await import('../../app/(merchant)/m/[workspace]/payouts/[batchId]/page');
const { default: PayoutEntriesPage } = await import('../../app/(merchant)/m/[workspace]/payouts/[batchId]/[payoutId]/page');
const { default: PreviewPage } = await import('../../app/(merchant)/m/[workspace]/payouts/preview/page');

const db = testDatabase();
const signInAs = (user: { id: string; email: string }) => (session.current = { user: { id: user.id, email: user.email } });
const AT = new Date('2026-03-01T00:00:00Z');

/**
 * A workspace with seven partners at AT: USD (minimum 50) and points (no minimum). a and b earn both,
 * c is below the minimum, f was paid earlier and then refunded (a negative balance), g is exactly at
 * the minimum; only a has payout details.
 */
async function workspaceWithBalances() {
  const code = uniq('pb');
  const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;
  const orderTotal = { a: '1000.00', b: '600.00', c: '300.00', d: '800.00', e: '900.00', f: '700.00', g: '500.00' };
  const ids = await setUpScenario(db, {
    title: 'payout batches',
    workspace: { baseCurrency: 'USD', units: [{ key: 'points', label: 'Points', precision: 0, baseValue: '0.01' }], minimumPayout: { USD: '50' } },
    programs: [
      { key: 'cash', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'one_time_share', percent: '10' }] },
      { key: 'pts', unit: 'points', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'per_order', amount: '100' }] },
    ],
    partners: keys.map((k) => ({
      key: k, email: `${k}-${code}@p.test`,
      enrollments: [{ program: 'cash' }, ...(k === 'a' || k === 'b' ? [{ program: 'pts' }] : [])],
      links: [{ code: `${code}-${k}`, program: 'cash' }],
    })),
    steps: [], expect: { entries: [] },
  });
  // clicks stored directly: a scenario step's click id is the same in every workspace
  for (const [i, k] of keys.entries()) {
    await storeClick(db, ids.workspaceId, { linkCode: `${code}-${k}`, visitorId: `v-${k}`, at: new Date(`2026-01-0${i + 1}T00:00:00Z`) });
  }
  const steps: ScenarioStep[] = keys.map((k, i) => (
    { at: `2026-01-0${i + 1}T01:00:00Z`, order: { id: `o-${k}`, customer: `c-${k}`, visitor: `v-${k}`, currency: 'USD', lines: [{ product: 'x', amount: orderTotal[k] }] } }
  ));
  steps.push({ at: '2026-01-20T00:00:00Z', payout: { batch: 'early', partners: ['f'] } });
  steps.push({ at: '2026-01-25T00:00:00Z', refund: { order: 'o-f' } });
  for (const [i, step] of steps.entries()) expect(await playStep(db, ids, step, i)).toBeUndefined();
  await writePayoutDetails(db, ids.workspaceId, ids.partners.get('a')!, { method: 'paypal', email: `a-${code}@paypal.test` }, null);
  const [{ slug }] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, ids.workspaceId));
  return { ...ids, slug };
}

/** The engine's plan over all unpaid entries at once: what a batch at `at` must write. */
async function singlePlan(workspaceId: string, at: Date) {
  const config = await loadWorkspaceConfig(db, workspaceId);
  const entries = await loadEntryStates(db, workspaceId, { onlyUnpaid: true });
  const plan = planPayoutBatch({ entries, at, units: config.units, minimumPayout: config.minimumPayout });
  return plan.payouts.map((p) => `${p.partnerId}|${p.unit}|${p.amount}|${[...p.entryIds].sort().join(',')}`).sort();
}

/** What the batch wrote, in the same shape. */
async function writtenPayouts(batchId: string) {
  const rows = await db
    .select({ partnerId: payouts.partnerId, unit: payouts.unit, amount: payouts.amount, entries: sql<string[]>`array_agg(${payoutItems.entryId}::text order by ${payoutItems.entryId}::text)` })
    .from(payouts)
    .innerJoin(payoutItems, eq(payoutItems.payoutId, payouts.id))
    .where(eq(payouts.batchId, batchId))
    .groupBy(payouts.id);
  return rows.map((r) => `${r.partnerId}|${r.unit}|${r.amount}|${[...r.entries].sort().join(',')}`).sort();
}

const batchRow = async (id: string) => (await db.select().from(payoutBatches).where(eq(payoutBatches.id, id)))[0];
const liveItemsOf = async (workspaceId: string) => db.select({ entryId: payoutItems.entryId }).from(payoutItems).where(and(eq(payoutItems.workspaceId, workspaceId), eq(payoutItems.released, false)));

describe('preview and build', () => {
  it('the preview lists every partner and unit with its fate, and is exactly what the confirmed batch creates', async () => {
    const ws = await workspaceWithBalances();
    const preview = await previewPayoutBatch(db, ws.workspaceId, { at: AT });
    const byKey = Object.fromEntries(preview.rows.map((r) => [`${[...ws.partners].find(([, id]) => id === r.partnerId)![0]}|${r.unit}`, r]));
    expect(Object.keys(byKey).sort()).toEqual(['a|USD', 'a|points', 'b|USD', 'b|points', 'c|USD', 'd|USD', 'e|USD', 'f|USD', 'g|USD']);
    expect(byKey['a|USD']).toMatchObject({ amount: '100.00', entries: 1, status: 'will_pay', needsPayoutDetails: false });
    expect(byKey['b|points']).toMatchObject({ amount: '100', status: 'will_pay', needsPayoutDetails: true });
    expect(byKey['c|USD']).toMatchObject({ amount: '30.00', status: 'below_minimum' });
    expect(byKey['f|USD']).toMatchObject({ amount: '-70.00', status: 'not_positive' });
    expect(byKey['g|USD']).toMatchObject({ amount: '50.00', status: 'will_pay' });
    expect(preview.totals).toEqual([
      { unit: 'USD', payouts: 5, amount: '380', carried: 2, carriedAmount: '-40', needsPayoutDetails: 4 },
      { unit: 'points', payouts: 2, amount: '200', carried: 0, carriedAmount: '0', needsPayoutDetails: 1 },
    ]);
    expect(preview).toMatchObject({ partners: 7, payouts: 7, needsPayoutDetails: 5 });

    const confirmed = await confirmPayoutBatch(db, ws.workspaceId, { reference: 'March', at: AT, createdBy: null, preview: preview.fingerprint });
    expect(confirmed).toMatchObject({ created: true, partners: 7, payouts: 7 });
    if (!confirmed.created) throw new Error('not created');
    expect(await batchRow(confirmed.batchId)).toMatchObject({ state: 'building', partnersTotal: 7, partnersDone: 0 });
    await buildPayoutBatch(db, ws.workspaceId, confirmed.batchId, { chunkSize: 3 });
    const expected = preview.rows.filter((r) => r.status === 'will_pay').map((r) => `${r.partnerId}|${r.unit}|${r.amount}`).sort();
    expect((await writtenPayouts(confirmed.batchId)).map((p) => p.split('|').slice(0, 3).join('|'))).toEqual(expected);
    expect(await batchRow(confirmed.batchId)).toMatchObject({ state: 'ready', partnersTotal: 7, partnersDone: 7 });
  });

  it('a batch built two partners at a time equals the engine’s single-transaction plan, entries taken as payable at its creation', async () => {
    const ws = await workspaceWithBalances();
    const expected = await singlePlan(ws.workspaceId, AT);
    expect(expected).toHaveLength(7);
    const preview = await previewPayoutBatch(db, ws.workspaceId, { at: AT }, { chunkSize: 2 });
    const confirmed = await confirmPayoutBatch(db, ws.workspaceId, { reference: 'March', at: AT, createdBy: null, preview: preview.fingerprint }, { chunkSize: 2 });
    if (!confirmed.created) throw new Error('not created');
    // an order after the batch's time: its entry is payable when the chunks run, but not at AT
    await playStep(db, ws, { at: '2026-03-02T00:00:00Z', order: { id: 'late', customer: 'c-a', currency: 'USD', lines: [{ product: 'x', amount: '5000.00' }] } }, 99);
    const built = await buildPayoutBatch(db, ws.workspaceId, confirmed.batchId, { chunkSize: 2 });
    expect(built).toEqual({ ready: true, chunks: 4 });
    expect(await writtenPayouts(confirmed.batchId)).toEqual(expected);
    // the same batch created by the scenario runner's one-transaction call
    const again = await workspaceWithBalances();
    const sync = await createPayoutBatch(db, again.workspaceId, { reference: 'March', at: AT });
    expect(sync.payouts).toHaveLength(7);
    expect(sync.carriedForward.map((c) => c.reason).sort()).toEqual(['below_minimum', 'not_positive']);
    expect(await batchRow(sync.batchId)).toMatchObject({ state: 'ready', partnersTotal: 7, partnersDone: 7 });
  });

  it('refuses a plan that changed since its preview, and a second batch while one is building', async () => {
    const ws = await workspaceWithBalances();
    const preview = await previewPayoutBatch(db, ws.workspaceId, { at: AT });
    // c earns 30.00 more: now at the minimum, so the plan pays c too
    await playStep(db, ws, { at: '2026-02-10T00:00:00Z', order: { id: 'o-c2', customer: 'c-c', currency: 'USD', lines: [{ product: 'x', amount: '300.00' }] } }, 50);
    await expect(confirmPayoutBatch(db, ws.workspaceId, { reference: 'March', at: AT, createdBy: null, preview: preview.fingerprint })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/changed since this preview/) });
    expect(await db.select().from(payoutBatches).where(and(eq(payoutBatches.workspaceId, ws.workspaceId), eq(payoutBatches.reference, 'March')))).toHaveLength(0);

    expect((await previewPayoutBatch(db, ws.workspaceId, { at: AT })).payouts).toBe(8);
    const points = await previewPayoutBatch(db, ws.workspaceId, { at: AT, units: ['points'] });
    const first = await confirmPayoutBatch(db, ws.workspaceId, { reference: 'March', at: AT, createdBy: null, preview: points.fingerprint, units: ['points'] });
    expect(first.created).toBe(true);
    const usd = await previewPayoutBatch(db, ws.workspaceId, { at: AT, units: ['USD'] });
    await expect(confirmPayoutBatch(db, ws.workspaceId, { reference: 'March USD', at: AT, createdBy: null, preview: usd.fingerprint, units: ['USD'] }))
      .rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/^Batch “March” is still being built \(0 of 2 partners\)/) });
    // a name in use is that batch, not a second one
    expect(await confirmPayoutBatch(db, ws.workspaceId, { reference: 'March', at: AT, createdBy: null, preview: usd.fingerprint })).toEqual({ created: false, batchId: first.batchId });
  });
});

describe('concurrency and recovery', () => {
  it('racing confirms create one batch; racing builders write every payout once', async () => {
    const ws = await workspaceWithBalances();
    const expected = await singlePlan(ws.workspaceId, AT);
    const preview = await previewPayoutBatch(db, ws.workspaceId, { at: AT });
    const confirm = (reference: string) => confirmPayoutBatch(db, ws.workspaceId, { reference, at: AT, createdBy: null, preview: preview.fingerprint });
    const results = await Promise.allSettled([confirm('March'), confirm('March'), confirm('March again'), confirm('March')]);
    const created = results.flatMap((r) => (r.status === 'fulfilled' && r.value.created ? [r.value] : []));
    expect(created).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conflict' });
      else expect(r.value.batchId).toBe(created[0].batchId);
    }
    const batchId = created[0].batchId;
    await Promise.all([
      buildPayoutBatch(db, ws.workspaceId, batchId, { chunkSize: 2 }),
      buildPayoutBatch(db, ws.workspaceId, batchId, { chunkSize: 3 }),
      buildPayoutBatch(db, ws.workspaceId, batchId, { chunkSize: 1 }),
    ]);
    expect(await writtenPayouts(batchId)).toEqual(expected);
    const live = await liveItemsOf(ws.workspaceId);
    expect(new Set(live.map((i) => i.entryId)).size).toBe(live.length);
    expect(await batchRow(batchId)).toMatchObject({ state: 'ready', partnersDone: 7 });
  });

  it('a build interrupted after one chunk is finished by the build job, which needs its secret', async () => {
    const ws = await workspaceWithBalances();
    const expected = await singlePlan(ws.workspaceId, AT);
    const preview = await previewPayoutBatch(db, ws.workspaceId, { at: AT });
    const confirmed = await confirmPayoutBatch(db, ws.workspaceId, { reference: 'March', at: AT, createdBy: null, preview: preview.fingerprint });
    if (!confirmed.created) throw new Error('not created');
    // the server "crashes" after one chunk of two partners
    await db.transaction((tx) => buildBatchChunkIn(tx, ws.workspaceId, confirmed.batchId, 2));
    expect(await batchRow(confirmed.batchId)).toMatchObject({ state: 'building', partnersDone: 2, partnersTotal: 7 });
    expect((await buildJob.GET(new Request('http://app.test/api/jobs/build-payout-batches'))).status).toBe(401);
    const answer = await buildJob.POST(new Request('http://app.test/api/jobs/build-payout-batches', { method: 'POST', headers: { authorization: `Bearer ${process.env.JOB_SECRET}` } }));
    expect(answer.status).toBe(200);
    expect(await batchRow(confirmed.batchId)).toMatchObject({ state: 'ready', partnersDone: 7 });
    expect(await writtenPayouts(confirmed.batchId)).toEqual(expected);
    // running it again changes nothing
    await buildJob.GET(new Request('http://app.test/api/jobs/build-payout-batches', { headers: { 'x-job-secret': process.env.JOB_SECRET! } }));
    expect(await writtenPayouts(confirmed.batchId)).toEqual(expected);
  });
});

describe('settling through the actions', () => {
  let ws: Awaited<ReturnType<typeof workspaceWithBalances>>;
  let finance: { id: string; email: string };
  let viewer: { id: string; email: string };
  let stranger: Awaited<ReturnType<typeof createMerchant>>;
  let batchId: string;
  let payoutIds: Record<string, string>;

  beforeAll(async () => {
    ws = await workspaceWithBalances();
    ({ finance, viewer } = await financeAndViewer(db, ws.workspaceId));
    stranger = await createMerchant(db);
    signInAs(finance);
    const preview = await previewPayoutBatch(db, ws.workspaceId, { at: new Date() });
    const confirmed = createPayoutBatchAction(ws.slug, null, formOf({ reference: 'April', unit: '', preview: preview.fingerprint }));
    // success leaves through Next's redirect to the new batch's page; the build is scheduled after the response
    const redirect = await confirmed.then(() => null, (err: { digest?: string }) => err.digest ?? '');
    const match = /\/m\/[^/]+\/payouts\/([0-9a-f-]{36})\?created=1/.exec(redirect ?? '');
    expect(match).not.toBeNull();
    batchId = match![1];
    expect(await batchRow(batchId)).toMatchObject({ state: 'building', createdBy: finance.id });
    expect(scheduled).toHaveLength(1);
    await scheduled.shift()!();
    expect(await batchRow(batchId)).toMatchObject({ state: 'ready', partnersDone: 7 });
    const rows = await db.select({ id: payouts.id, partnerId: payouts.partnerId, unit: payouts.unit }).from(payouts).where(eq(payouts.batchId, batchId));
    const keyOf = (partnerId: string) => [...ws.partners].find(([, id]) => id === partnerId)![0];
    payoutIds = Object.fromEntries(rows.map((r) => [`${keyOf(r.partnerId)}|${r.unit}`, r.id]));
  });

  it('the confirm that carries a stale fingerprint creates nothing and says so', async () => {
    signInAs(finance);
    const result = await createPayoutBatchAction(ws.slug, null, formOf({ reference: 'Stale', unit: '', preview: 'not-the-plan' }));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/changed since this preview/) });
    const taken = await createPayoutBatchAction(ws.slug, null, formOf({ reference: 'April', unit: '', preview: 'x' }));
    expect(taken).toMatchObject({ ok: false, fields: { reference: expect.stringMatching(/^is taken/) } });
  });

  it('marks one paid and one failed, each with an audit row written in its own transaction', async () => {
    signInAs(finance);
    expect(await settlePayoutAction(ws.slug, null, formOf({ payoutId: payoutIds['d|USD'], outcome: 'paid', note: 'TRF-D' }))).toMatchObject({ ok: true, message: expect.stringMatching(/marked paid with reference TRF-D\.$/) });
    expect(await settlePayoutAction(ws.slug, null, formOf({ payoutId: payoutIds['e|USD'], outcome: 'failed', note: 'IBAN rejected' }))).toMatchObject({ ok: true, message: expect.stringMatching(/marked failed; its entries are payable again/) });
    // settled already: a clear refusal, not a 500
    expect(await settlePayoutAction(ws.slug, null, formOf({ payoutId: payoutIds['d|USD'], outcome: 'failed', note: 'late' }))).toMatchObject({ ok: false, message: expect.stringMatching(/payout is paid already \(reference TRF-D\); nothing changed\.$/) });
    const released = await db.select().from(payoutItems).where(eq(payoutItems.payoutId, payoutIds['e|USD']));
    expect(released.every((i) => i.released)).toBe(true);

    const audits = await db.execute<{ action: string; subject_id: string; before: unknown; after: unknown; actor_user_id: string; same_tx: boolean }>(sql`
      select a.action, a.subject_id, a.before, a.after, a.actor_user_id, a.xmin::text = p.xmin::text as same_tx
      from ${auditLog} a join ${payouts} p on p.id::text = a.subject_id
      where a.workspace_id = ${ws.workspaceId} and a.subject_type = 'payout' order by a.seq`);
    expect(audits.rows).toEqual([
      { action: 'payout.marked_paid', subject_id: payoutIds['d|USD'], before: { status: 'processing' }, after: expect.objectContaining({ status: 'paid', reference: 'TRF-D' }), actor_user_id: finance.id, same_tx: true },
      { action: 'payout.marked_failed', subject_id: payoutIds['e|USD'], before: { status: 'processing' }, after: { status: 'failed', failureReason: 'IBAN rejected' }, actor_user_id: finance.id, same_tx: true },
    ]);
    const [created] = await db.select().from(auditLog).where(and(eq(auditLog.workspaceId, ws.workspaceId), eq(auditLog.action, 'payout_batch.created'), eq(auditLog.subjectId, batchId)));
    expect(created).toMatchObject({ actorUserId: finance.id, subjectType: 'payout_batch', after: expect.objectContaining({ reference: 'April', payouts: 7 }) });
  });

  it('bulk: a selection is marked paid with one reference in one transaction; those not processing are named, not skipped silently', async () => {
    signInAs(finance);
    const selection = [payoutIds['a|USD'], payoutIds['b|USD'], payoutIds['d|USD'], payoutIds['e|USD']].join(',');
    const result = await markPayoutsPaidAction(ws.slug, null, formOf({ batchId, selection: 'selected', payoutIds: selection, reference: '+BANK-1' }));
    expect(result).toMatchObject({ ok: true });
    expect(result.message).toMatch(/^2 payouts marked paid with reference \+BANK-1\. 2 payouts were not processing and left as they were: .*payout is paid already \(reference TRF-D\); .*payout is marked failed already \(IBAN rejected\)\.$/);
    const statuses = await db.select({ id: payouts.id, status: payouts.status, reference: payouts.reference }).from(payouts).where(inArray(payouts.id, [payoutIds['a|USD'], payoutIds['b|USD']]));
    expect(statuses.map((s) => [s.status, s.reference])).toEqual([['paid', '+BANK-1'], ['paid', '+BANK-1']]);
    // all that is still processing, then nothing is left
    const all = await markPayoutsPaidAction(ws.slug, null, formOf({ batchId, selection: 'all', reference: 'BANK-2' }));
    expect(all).toMatchObject({ ok: true, message: '3 payouts marked paid with reference BANK-2.' });
    expect(await markPayoutsPaidAction(ws.slug, null, formOf({ batchId, selection: 'all', reference: 'BANK-3' }))).toMatchObject({ ok: false, message: 'Nothing was marked paid. No payout of this batch is processing.' });
    expect(await markPayoutsPaidAction(ws.slug, null, formOf({ batchId, selection: 'selected', payoutIds: '', reference: 'BANK-3' }))).toMatchObject({ ok: false, fields: { payoutIds: 'select at least one payout' } });
    const bulkAudits = await db.select().from(auditLog).where(and(eq(auditLog.workspaceId, ws.workspaceId), eq(auditLog.action, 'payout.marked_paid'), sql`${auditLog.data}->>'bulk' = 'true'`));
    expect(bulkAudits).toHaveLength(5);
  });

  it('a selection naming a payout of another batch or workspace changes nothing', async () => {
    const other = await workspaceWithBalances();
    const otherBatch = await createPayoutBatch(db, other.workspaceId, { reference: 'X', at: AT });
    const foreign = otherBatch.payouts[0].id;
    const local = await createPayoutBatch(db, ws.workspaceId, { reference: 'Later', at: new Date() });
    expect(local.payouts.length).toBe(1); // e's released 90.00
    await expect(markBatchPayoutsPaid(db, ws.workspaceId, local.batchId, [local.payouts[0].id, foreign], 'R', new Date())).rejects.toMatchObject({ code: 'not_found' });
    await expect(markBatchPayoutsPaid(db, ws.workspaceId, otherBatch.batchId, undefined, 'R', new Date())).rejects.toMatchObject({ code: 'not_found', message: 'Batch not found.' });
    await expect(markPayoutFailed(db, ws.workspaceId, foreign, 'x', new Date())).rejects.toMatchObject({ code: 'not_found' });
    const untouched = await db.select({ status: payouts.status }).from(payouts).where(inArray(payouts.id, [local.payouts[0].id, foreign]));
    expect(untouched.map((p) => p.status)).toEqual(['processing', 'processing']);
  });

  const actions = (batch: () => string, payout: () => string) => [
    { name: 'createPayoutBatchAction', call: (slug: string) => createPayoutBatchAction(slug, null, formOf({ reference: uniq('batch'), unit: '', preview: 'x' })) },
    { name: 'settlePayoutAction', call: (slug: string) => settlePayoutAction(slug, null, formOf({ payoutId: payout(), outcome: 'paid', note: 'TRF' })) },
    { name: 'markPayoutsPaidAction', call: (slug: string) => markPayoutsPaidAction(slug, null, formOf({ batchId: batch(), selection: 'all', reference: 'TRF' })) },
  ];

  it('every action refuses a viewer and another tenant’s owner, and lets finance act', async () => {
    for (const action of actions(() => batchId, () => payoutIds['g|USD'])) {
      signInAs(viewer);
      expect(await action.call(ws.slug), action.name).toMatchObject({ ok: false, message: expect.stringMatching(/^Your role \(viewer\) cannot do this/) });
      signInAs({ id: stranger.userId, email: stranger.email });
      expect(await action.call(ws.slug), action.name).toMatchObject({ ok: false, message: 'Workspace not found.' });
      signInAs(finance);
      const asFinance = await action.call(ws.slug).catch(() => ({ message: '' }));
      expect(asFinance.message ?? '', action.name).not.toMatch(/^Your role|not found/);
    }
    // in the stranger's own workspace, this workspace's ids are not found
    signInAs({ id: stranger.userId, email: stranger.email });
    expect(await settlePayoutAction(stranger.workspaceSlug, null, formOf({ payoutId: payoutIds['g|USD'], outcome: 'paid', note: 'x' }))).toMatchObject({ ok: false, message: 'No processing payout with this id.' });
    expect(await markPayoutsPaidAction(stranger.workspaceSlug, null, formOf({ batchId, selection: 'all', reference: 'x' }))).toMatchObject({ ok: false, message: 'Batch not found.' });
  });

  it('the batch, entries and preview pages are 404 for another tenant and for a foreign batch id; a viewer reads them', async () => {
    const notFound = { digest: 'NEXT_HTTP_ERROR_FALLBACK;404' };
    const page = (slug: string, id = batchId) => BatchPage({ params: Promise.resolve({ workspace: slug, batchId: id }), searchParams: Promise.resolve({}) });
    const entries = (slug: string, id = batchId) => PayoutEntriesPage({ params: Promise.resolve({ workspace: slug, batchId: id, payoutId: payoutIds['a|USD'] }), searchParams: Promise.resolve({}) });
    signInAs({ id: stranger.userId, email: stranger.email });
    await expect(page(ws.slug)).rejects.toMatchObject(notFound);
    await expect(page(stranger.workspaceSlug)).rejects.toMatchObject(notFound);
    await expect(entries(stranger.workspaceSlug)).rejects.toMatchObject(notFound);
    await expect(PreviewPage({ params: Promise.resolve({ workspace: ws.slug }), searchParams: Promise.resolve({ name: 'x' }) })).rejects.toMatchObject(notFound);
    signInAs(viewer);
    await expect(page(ws.slug, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject(notFound);
    await expect(page(ws.slug)).resolves.toBeTruthy();
    await expect(entries(ws.slug)).resolves.toBeTruthy();
    signInAs(finance);
    await expect(PreviewPage({ params: Promise.resolve({ workspace: ws.slug }), searchParams: Promise.resolve({ name: 'May' }) })).resolves.toBeTruthy();
  });
});
