import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { financeAndViewer, formOf, type SessionUser } from '../helpers/actions';
import { insertProgram } from '../../db/queries/programs';
import { insertMember } from '../../db/queries/workspaces';
import { insertUser } from '../../db/queries/users';
import { listGroupDetails } from '../../db/queries/groups';
import { findPoolDetail, listPoolClosings } from '../../db/queries/pool-progress';
import { setUpScenario, type ScenarioIds } from '../../scripts/scenarios/setup';
import { playStep } from '../../scripts/scenarios/steps';
import { storeClick } from '../helpers/clicks';
import type { Scenario } from '../../scripts/scenarios/format';
import { closablePeriods, closePool, poolProgress, previewPoolClosing } from '../../lib/server/rewards/pools';
import { ledgerEntries, poolPeriodClosings, programGroups, pools, workspaces } from '../../db/schema';

// The group and pool actions run for real through merchantAction; only the session and the cache
// are stood in for. Closing previews are compared with what closing then writes, on scenario
// stories played through the services.

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { createGroupAction, updateGroupAction } = await import('../../lib/actions/groups');
const { createPoolAction, updatePoolAction, closePoolAction } = await import('../../lib/actions/pools');

const db = testDatabase();
const signInAs = (user: SessionUser) => (session.current = { user: { id: user.id, email: user.email } });
const refusedFor = (role: string) => ({ ok: false, message: expect.stringMatching(new RegExp(`^Your role \\(${role}\\) cannot do this`)) });

let a: Awaited<ReturnType<typeof createMerchant>>;
let b: Awaited<ReturnType<typeof createMerchant>>;
let owner: SessionUser;
let finance: SessionUser;
let viewer: SessionUser;
let gold: string;
let silver: string;
let groupOfB: string;
let poolOfB: string;

const poolForm = (programIds: string[], extra: Record<string, string> = {}) =>
  formOf({ name: 'Top resellers', unit: 'USD', amount: '500.00', period: 'quarter', metric: 'revenue', goal: '1000', programIds: programIds.join(','), ...extra });

beforeAll(async () => {
  a = await createMerchant(db);
  b = await createMerchant(db);
  owner = { id: b.userId, email: b.email };
  ({ finance, viewer } = await financeAndViewer(db, b.scope.workspaceId));
  gold = (await insertProgram(db, b.scope.workspaceId, { slug: 'gold', name: 'Gold', category: 'reseller', unit: 'USD', rules: [{ type: 'one_time_share', percent: '20' }] })).id;
  silver = (await insertProgram(db, b.scope.workspaceId, { slug: 'silver', name: 'Silver', category: 'reseller', unit: 'USD', rules: [{ type: 'one_time_share', percent: '10' }] })).id;
  signInAs(owner);
  expect(await createGroupAction(b.workspaceSlug, null, formOf({ name: 'Reseller tiers', strategy: 'highest_rank', programIds: `${gold},${silver}` }))).toMatchObject({ ok: true });
  groupOfB = (await listGroupDetails(db, b.scope.workspaceId))[0].id;
  expect(await createPoolAction(b.workspaceSlug, null, poolForm([gold, silver]))).toMatchObject({ ok: true, message: 'Pool “Top resellers” created.' });
  [{ id: poolOfB }] = await db.select({ id: pools.id }).from(pools).where(eq(pools.workspaceId, b.scope.workspaceId));
});

describe('who may change groups and pools', () => {
  it('a viewer and a finance member are refused every configuration action, and nothing changes', async () => {
    for (const [member, role] of [[viewer, 'viewer'], [finance, 'finance']] as const) {
      signInAs(member);
      expect(await createGroupAction(b.workspaceSlug, null, formOf({ name: 'Sneaky', strategy: 'highest_reward', programIds: b.programId }))).toMatchObject(refusedFor(role));
      expect(await updateGroupAction(b.workspaceSlug, null, formOf({ groupId: groupOfB, name: 'Renamed', strategy: 'highest_reward', programIds: silver }))).toMatchObject(refusedFor(role));
      expect(await createPoolAction(b.workspaceSlug, null, poolForm([b.programId]))).toMatchObject(refusedFor(role));
      expect(await updatePoolAction(b.workspaceSlug, null, poolForm([silver], { poolId: poolOfB, amount: '9999' }))).toMatchObject(refusedFor(role));
      // refused before parsing: an empty form gets the same answer, not field errors
      expect(await updateGroupAction(b.workspaceSlug, null, formOf({}))).toMatchObject(refusedFor(role));
    }
    signInAs(viewer);
    expect(await closePoolAction(b.workspaceSlug, null, formOf({ poolId: poolOfB, period: '2025-Q4' }))).toMatchObject(refusedFor('viewer'));
    const groups = await listGroupDetails(db, b.scope.workspaceId);
    expect(groups).toEqual([expect.objectContaining({ name: 'Reseller tiers', strategy: 'highest_rank', tiers: [expect.objectContaining({ rank: 1, programId: gold }), expect.objectContaining({ rank: 2, programId: silver })] })]);
    expect(await findPoolDetail(db, b.scope.workspaceId, poolOfB)).toMatchObject({ amount: '500.00', programs: [{ id: gold }, { id: silver }] });
    expect(await db.select().from(poolPeriodClosings).where(eq(poolPeriodClosings.poolId, poolOfB))).toEqual([]);
  });

  it('a finance member may close a period (money), and is told when it has not ended', async () => {
    signInAs(finance);
    const current = `${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`;
    expect(await closePoolAction(b.workspaceSlug, null, formOf({ poolId: poolOfB, period: current }))).toMatchObject({ ok: false, fields: { period: expect.stringMatching(/^has not ended/) } });
  });

  it("a member of another workspace gets “not found” for every id of this one", async () => {
    signInAs({ id: a.userId, email: a.email });
    expect(await updateGroupAction(b.workspaceSlug, null, formOf({ groupId: groupOfB, name: 'X', strategy: 'highest_rank', programIds: '' }))).toMatchObject({ ok: false, message: 'Workspace not found.' });
    expect(await updateGroupAction(a.workspaceSlug, null, formOf({ groupId: groupOfB, name: 'Mine now', strategy: 'highest_rank', programIds: '' }))).toMatchObject({ ok: false, message: 'Group not found.' });
    expect(await createGroupAction(a.workspaceSlug, null, formOf({ name: 'Borrowed', strategy: 'highest_rank', programIds: `${a.programId},${gold}` }))).toMatchObject({ ok: false, message: 'Program not found.', fields: { programIds: expect.any(String) } });
    expect(await updatePoolAction(a.workspaceSlug, null, poolForm([a.programId], { poolId: poolOfB }))).toMatchObject({ ok: false, message: 'Pool not found.' });
    expect(await createPoolAction(a.workspaceSlug, null, poolForm([silver]))).toMatchObject({ ok: false, message: 'Program not found.', fields: { programIds: expect.any(String) } });
    expect(await closePoolAction(a.workspaceSlug, null, formOf({ poolId: poolOfB, period: '2025-Q4' }))).toMatchObject({ ok: false, message: 'Pool not found.' });
    const [group] = await db.select().from(programGroups).where(eq(programGroups.id, groupOfB));
    expect(group.name).toBe('Reseller tiers');
    expect(await listGroupDetails(db, a.scope.workspaceId)).toEqual([]);
    expect(await db.select().from(pools).where(eq(pools.workspaceId, a.scope.workspaceId))).toEqual([]);
  });
});

describe('program groups', () => {
  it('a program cannot join two groups: the field names the program and its group', async () => {
    signInAs(owner);
    const refused = await createGroupAction(b.workspaceSlug, null, formOf({ name: 'Second', strategy: 'highest_reward', programIds: `${b.programId},${silver}` }));
    expect(refused).toMatchObject({ ok: false, fields: { programIds: 'Silver is already in “Reseller tiers”: remove it there first' } });
    expect((await listGroupDetails(db, b.scope.workspaceId)).map((g) => g.name)).toEqual(['Reseller tiers']);
  });

  it('saves the tiers in the order posted (first = rank 1), the name and the strategy', async () => {
    signInAs(owner);
    expect(await updateGroupAction(b.workspaceSlug, null, formOf({ groupId: groupOfB, name: 'Reseller ladder', strategy: 'highest_reward', programIds: `${silver},${gold}` })))
      .toMatchObject({ ok: true, message: expect.stringContaining('2 programs in rank order') });
    let [group] = await listGroupDetails(db, b.scope.workspaceId);
    expect(group).toMatchObject({ name: 'Reseller ladder', strategy: 'highest_reward' });
    expect(group.tiers.map((t) => [t.rank, t.name])).toEqual([[1, 'Silver'], [2, 'Gold']]);
    // removing Gold frees it for another group
    expect(await updateGroupAction(b.workspaceSlug, null, formOf({ groupId: groupOfB, name: 'Reseller ladder', strategy: 'highest_reward', programIds: silver }))).toMatchObject({ ok: true });
    expect(await createGroupAction(b.workspaceSlug, null, formOf({ name: 'Gold and referrals', strategy: 'highest_rank', programIds: `${gold},${b.programId}` }))).toMatchObject({ ok: true });
    [group] = await listGroupDetails(db, b.scope.workspaceId);
    expect(group.tiers.map((t) => [t.rank, t.name])).toEqual([[1, 'Gold'], [2, 'Referrals']]);
  });

  it('names the fields of a bad form', async () => {
    signInAs(owner);
    expect(await createGroupAction(b.workspaceSlug, null, formOf({ name: 'X', strategy: 'cheapest', programIds: `${silver},${silver}` }))).toMatchObject({
      ok: false, fields: { name: expect.any(String), strategy: expect.any(String), programIds: 'lists a program twice' },
    });
  });
});

describe('pool settings', () => {
  it('checks the unit, the amount against its precision, the goal and the programs', async () => {
    signInAs(owner);
    expect(await createPoolAction(b.workspaceSlug, null, poolForm([gold], { amount: '10.005' }))).toMatchObject({ ok: false, fields: { amount: 'USD has at most 2 decimals' } });
    expect(await createPoolAction(b.workspaceSlug, null, poolForm([gold], { unit: 'gold-stars' }))).toMatchObject({ ok: false, fields: { unit: expect.any(String) } });
    expect(await createPoolAction(b.workspaceSlug, null, poolForm([gold], { metric: 'customers', goal: '2.5' }))).toMatchObject({ ok: false, fields: { goal: 'must be a whole number of customers' } });
    expect(await createPoolAction(b.workspaceSlug, null, poolForm([]))).toMatchObject({ ok: false, fields: { programIds: 'pick at least one program' } });
  });

  it('edits every setting', async () => {
    signInAs(owner);
    expect(await updatePoolAction(b.workspaceSlug, null, poolForm([silver], { poolId: poolOfB, name: 'Silver stars', unit: 'eur', amount: '750', period: 'year', metric: 'customers', goal: '3' })))
      .toMatchObject({ ok: true });
    expect(await findPoolDetail(db, b.scope.workspaceId, poolOfB)).toMatchObject({ name: 'Silver stars', unit: 'EUR', amount: '750', period: 'year', metric: 'customers', goal: '3', programs: [{ id: silver }] });
  });
});

// ---- closing through a preview, on scenario stories --------------------------------------------

/** A scenario file with its link codes made unique (they are unique across workspaces, and files share this database). */
function loadScenario(file: string): Scenario {
  const s = JSON.parse(readFileSync(new URL(`../scenarios/${file}`, import.meta.url), 'utf8')) as Scenario;
  const suffix = uniq('-');
  const codes = new Set(s.partners.flatMap((p) => (p.links ?? []).map((l) => l.code)));
  const rename = (v: unknown): unknown =>
    typeof v === 'string' ? (codes.has(v) ? `${v}${suffix}` : v) : Array.isArray(v) ? v.map(rename) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rename(x)])) : v;
  return rename(s) as Scenario;
}

/** Plays the story up to (not including) its pool closing; returns the ids and that closing step. */
async function playUntilClosing(file: string): Promise<{ ids: ScenarioIds; poolId: string; period: string; at: Date }> {
  const s = loadScenario(file);
  const ids = await setUpScenario(db, s);
  const index = s.steps.findIndex((step) => step.closePool);
  // click ids are unique across workspaces too: this file's clicks get their own
  const clickPrefix = uniq('clk_gp');
  for (const [i, step] of s.steps.slice(0, index).entries()) {
    if (step.click) await storeClick(db, ids.workspaceId, { id: `${clickPrefix}-${i}`, linkCode: step.click.link, visitorId: step.click.visitor, at: new Date(step.at), bot: step.click.bot });
    else await playStep(db, ids, step, i);
  }
  const closing = s.steps[index];
  return { ids, poolId: ids.pools.get(closing.closePool!.pool)!, period: closing.closePool!.period, at: new Date(closing.at) };
}

describe('closing a period through its preview', () => {
  for (const file of ['p11-group-refund-pool.json', 'p15-customers-pool.json', 'p29-pool-points-multi-currency.json']) {
    it(`${file}: the preview shows exactly the standings and bonuses closing writes`, async () => {
      const { ids, poolId, period, at } = await playUntilClosing(file);
      const ws = ids.workspaceId;
      expect((await closablePeriods(db, ws, poolId, at))[0]).toBe(period);
      const preview = await previewPoolClosing(db, ws, poolId, period, at);
      if (preview.alreadyClosed) throw new Error('not closed yet');
      expect(await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.workspaceId, ws), eq(ledgerEntries.kind, 'bonus')))).toEqual([]);
      const closed = await closePool(db, ws, poolId, period, at, { preview: preview.fingerprint });
      expect(closed.alreadyClosed).toBe(false);
      expect(closed.closing.standings).toEqual(preview.standings);
      const bonuses = await db.select({ partnerId: ledgerEntries.partnerId, amount: ledgerEntries.amount }).from(ledgerEntries).where(and(eq(ledgerEntries.workspaceId, ws), eq(ledgerEntries.kind, 'bonus')));
      const previewed = preview.standings.filter((s) => s.qualified && Number(s.bonus) !== 0).map((s) => ({ partnerId: s.partnerId, amount: s.bonus }));
      expect(bonuses.map((x) => ({ ...x })).sort((x, y) => x.partnerId.localeCompare(y.partnerId))).toEqual(previewed.sort((x, y) => x.partnerId.localeCompare(y.partnerId)));
      // closed: offered no more, previewed as its stored result, and closing again pays nothing
      expect(await closablePeriods(db, ws, poolId, at)).not.toContain(period);
      expect(await previewPoolClosing(db, ws, poolId, period, at)).toEqual({ alreadyClosed: true, closing: closed.closing });
      expect((await closePool(db, ws, poolId, period, at)).alreadyClosed).toBe(true);
      expect(await listPoolClosings(db, ws, poolId)).toHaveLength(1);
    });
  }

  it('refuses to close when the figures changed since the preview', async () => {
    const { ids, poolId, period, at } = await playUntilClosing('p15-customers-pool.json');
    const preview = await previewPoolClosing(db, ids.workspaceId, poolId, period, at);
    if (preview.alreadyClosed) throw new Error('not closed yet');
    await db.update(pools).set({ amount: '301.00' }).where(eq(pools.id, poolId));
    await expect(closePool(db, ids.workspaceId, poolId, period, at, { preview: preview.fingerprint })).rejects.toMatchObject({ code: 'conflict' });
    expect(await listPoolClosings(db, ids.workspaceId, poolId)).toEqual([]);
  });

  it('shows the current period so far with the engine’s metric', async () => {
    const { ids, poolId } = await playUntilClosing('p15-customers-pool.json');
    const progress = await poolProgress(db, ids.workspaceId, poolId, new Date('2026-02-16T00:00:00Z'));
    expect(progress.period).toBe('2026-Q1');
    const byPartner = Object.fromEntries(progress.standings.map((s) => [s.partnerId, s.metric]));
    // by Feb 16: A bound c1..c4, B c5 and c6 (by hand), C c8..c10
    expect(byPartner).toEqual({ [ids.partners.get('A')!]: '4', [ids.partners.get('B')!]: '2', [ids.partners.get('C')!]: '3' });
  });

  it('refuses periods that have not ended, predate the pool or are not of its kind, with a field error', async () => {
    const { ids, poolId } = await playUntilClosing('p15-customers-pool.json');
    const [ws] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, ids.workspaceId));
    const user = await insertUser(db, { email: `${uniq('own')}@m.test`, name: 'O', passwordHash: 'x' });
    await insertMember(db, ids.workspaceId, user.id, 'owner');
    signInAs(user);
    const now = new Date();
    const current = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    const close = (period: string) => closePoolAction(ws.slug, null, formOf({ poolId, period }));
    expect(await close(current)).toMatchObject({ ok: false, message: `${current} has not ended yet.`, fields: { period: expect.stringMatching(/^has not ended: it ends \d{4}-\d\d-01$/) } });
    // the scenario's partners were approved on 2000-01-01: its first period is 2000-Q1
    expect(await close('1999-Q4')).toMatchObject({ ok: false, fields: { period: 'predates the pool: its first period is 2000-Q1' } });
    expect(await close('2025')).toMatchObject({ ok: false, fields: { period: 'must be a quarter such as 2026-Q1' } });
    expect(await close('Q1 2025')).toMatchObject({ ok: false, fields: { period: 'must look like 2026-Q1 or 2026' } });
    expect(await listPoolClosings(db, ids.workspaceId, poolId)).toEqual([]);
    expect(await close('2026-Q1')).toMatchObject({ ok: true, message: '2026-Q1 closed: 3 partners qualified and their bonuses are payable now.' });
    expect(await close('2026-Q1')).toMatchObject({ ok: true, message: '2026-Q1 was already closed; nothing changed.' });
    // once a quarter is closed, the pool cannot become yearly (2026 would pay Q1 again)
    const yearly = formOf({ poolId, name: 'new-logos', unit: 'USD', amount: '300.00', period: 'year', metric: 'customers', goal: '2', programIds: [...ids.programs.values()].join(',') });
    expect(await updatePoolAction(ws.slug, null, yearly)).toMatchObject({ ok: false, fields: { period: 'stays a quarter: closed periods would overlap' } });
  });
});
