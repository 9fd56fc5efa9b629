import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { financeAndViewer, formOf, type SessionUser } from '../helpers/actions';
import { insertEnrollment, insertPartner } from '../../db/queries/partners';
import { findJoinableProgram } from '../../db/queries/programs';
import { lockProgramVersions } from '../../db/queries/program-versions';
import { scopeSuggestions } from '../../db/queries/scope-suggestions';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { eventSchema } from '../../lib/validation/events';
import { enrollments, ledgerEntries, links, programs, programVersions } from '../../db/schema';
import type { RewardRule } from '../../lib/validation/program';

// The program page's actions run for real through merchantAction; only the session and the cache
// are stood in for (as in console-and-auth-actions.test.ts).
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { updateProgramAction, setProgramStatusAction } = await import('../../lib/actions/programs');
const { setEnrollmentTermsAction } = await import('../../lib/actions/enrollment-terms');
const { createProgramAction } = await import('../../lib/actions/merchant');

const db = testDatabase();
const signInAs = (user: SessionUser) => (session.current = { user: { id: user.id, email: user.email } });

type Merchant = Awaited<ReturnType<typeof createMerchant>>;
let a: Merchant;
let b: Merchant;
let ownerA: SessionUser;
let ownerB: SessionUser;
let finance: SessionUser;
let viewer: SessionUser;
let enrollmentOfB: string;
let linkOfB: string;

/** Every field of the program page's form, as the browser posts it. */
function termsForm(programId: string, baseVersion: number, over: { [field: string]: unknown } = {}) {
  const { rules, scope, ...fields } = over;
  return formOf({
    programId,
    baseVersion: String(baseVersion),
    name: 'Referrals',
    description: '',
    terms: 'Be nice.',
    category: 'referral',
    unit: 'USD',
    model: 'last_touch',
    windowDays: '30',
    couponPrecedence: 'override',
    holdDays: '30',
    approvalMode: 'manual',
    joinPageEnabled: 'on',
    rules: JSON.stringify(rules ?? [{ type: 'one_time_share', percent: '10' }]),
    scope: JSON.stringify(scope ?? { include: { products: [], plans: [], categories: [] }, exclude: { products: [], plans: [], categories: [] } }),
    ...(fields as Record<string, string>),
  });
}

async function programRow(programId: string) {
  const [row] = await db.select().from(programs).where(eq(programs.id, programId));
  return row;
}
async function versionsOf(programId: string) {
  return db.select().from(programVersions).where(eq(programVersions.programId, programId)).orderBy(programVersions.version);
}

/** An order through the real ingestion service, credited by the partner's link code. */
async function order(m: Merchant, code: string, lines: { product: string; amount: string }[]) {
  const event = eventSchema.parse({
    id: uniq('ord'),
    type: 'order',
    occurredAt: new Date().toISOString(),
    data: { customer: { externalId: uniq('cus'), email: `${uniq('c')}@buyer.test` }, currency: 'USD', lines, partnerCode: code },
  });
  await ingestEvent(db, m.scope.workspaceId, event, { source: 'api' });
  return db
    .select({ amount: ledgerEntries.amount, explanation: ledgerEntries.explanation })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.workspaceId, m.scope.workspaceId), eq(ledgerEntries.orderRef, event.id)));
}

beforeAll(async () => {
  a = await createMerchant(db);
  b = await createMerchant(db);
  ownerA = { id: a.userId, email: a.email };
  ownerB = { id: b.userId, email: b.email };
  ({ finance, viewer } = await financeAndViewer(db, b.scope.workspaceId));
  const partner = await insertPartner(db, b.scope.workspaceId, { email: `${uniq('p')}@partner.test`, name: 'Pia Partner', company: null, userId: null });
  const enrolled = await insertEnrollment(db, { workspaceId: b.scope.workspaceId, partnerId: partner.id, programId: b.programId, status: 'approved', at: new Date(Date.now() - 86_400_000) });
  enrollmentOfB = enrolled!.id;
  linkOfB = uniq('pia-');
  await db.insert(links).values({ workspaceId: b.scope.workspaceId, partnerId: partner.id, programId: b.programId, code: linkOfB, destinationUrl: 'https://shop.example/' });
});

describe('program actions check role and tenant before anything else', () => {
  it('a finance member and a viewer are refused with the role message and change nothing', async () => {
    const before = await programRow(b.programId);
    for (const [member, role] of [[finance, 'finance'], [viewer, 'viewer']] as const) {
      signInAs(member);
      const refusal = { ok: false, message: expect.stringMatching(new RegExp(`^Your role \\(${role}\\) cannot do this`)) };
      expect(await updateProgramAction(b.workspaceSlug, null, termsForm(b.programId, 1, { rules: [{ type: 'per_order', amount: '99' }] }))).toMatchObject(refusal);
      expect(await setProgramStatusAction(b.workspaceSlug, null, formOf({ programId: b.programId, status: 'archived' }))).toMatchObject(refusal);
      expect(await setEnrollmentTermsAction(b.workspaceSlug, null, formOf({ enrollmentId: enrollmentOfB, mode: 'special', rules: JSON.stringify([{ type: 'per_order', amount: '99' }]) }))).toMatchObject(refusal);
      expect(await createProgramAction(b.workspaceSlug, null, formOf({ name: 'Sneaky', category: 'referral', unit: 'USD', ruleType: 'per_order', ruleValue: '5' }))).toMatchObject(refusal);
    }
    expect(await programRow(b.programId)).toEqual(before);
    expect(await versionsOf(b.programId)).toHaveLength(1);
    const [enrollment] = await db.select({ rules: enrollments.rules }).from(enrollments).where(eq(enrollments.id, enrollmentOfB));
    expect(enrollment.rules).toBeNull();
  });

  it("a member of another workspace gets not found for every id, and the other workspace's slug is not found", async () => {
    signInAs(ownerA);
    const before = await programRow(b.programId);
    expect(await updateProgramAction(a.workspaceSlug, null, termsForm(b.programId, 1))).toMatchObject({ ok: false, message: 'Program not found.' });
    expect(await setProgramStatusAction(a.workspaceSlug, null, formOf({ programId: b.programId, status: 'archived' }))).toMatchObject({ ok: false, message: 'Program not found.' });
    expect(await setEnrollmentTermsAction(a.workspaceSlug, null, formOf({ enrollmentId: enrollmentOfB, mode: 'program' }))).toMatchObject({ ok: false, message: 'Enrollment not found.' });
    for (const call of [
      updateProgramAction(b.workspaceSlug, null, termsForm(b.programId, 1)),
      setProgramStatusAction(b.workspaceSlug, null, formOf({ programId: b.programId, status: 'archived' })),
      setEnrollmentTermsAction(b.workspaceSlug, null, formOf({ enrollmentId: enrollmentOfB, mode: 'program' })),
    ]) {
      expect(await call).toMatchObject({ ok: false, message: 'Workspace not found.' });
    }
    expect(await programRow(b.programId)).toEqual(before);
    expect(await versionsOf(b.programId)).toHaveLength(1);
  });
});

describe('program versions', () => {
  it('creating a program records version 1; each change writes the next version with the full snapshot', async () => {
    signInAs(ownerA);
    expect(await createProgramAction(a.workspaceSlug, null, formOf({ name: `Agencies ${uniq()}`, category: 'agency', unit: 'usd', ruleType: 'per_customer', ruleValue: '50' }))).toMatchObject({ ok: true });
    expect(await createProgramAction(a.workspaceSlug, null, formOf({ name: 'Cents', category: 'agency', unit: 'USD', ruleType: 'per_order', ruleValue: '1.001' }))).toMatchObject({ ok: false, fields: { ruleValue: 'USD allows at most 2 decimals' } });
    expect(await createProgramAction(a.workspaceSlug, null, formOf({ name: 'Yen', category: 'agency', unit: 'JPY', ruleType: 'per_order', ruleValue: '100' }))).toMatchObject({ ok: false, fields: { unit: expect.stringContaining('FX rate for JPY') } });
    const [created] = await db.select().from(programs).where(and(eq(programs.workspaceId, a.scope.workspaceId), eq(programs.category, 'agency')));
    expect(created.version).toBe(1);
    expect((await versionsOf(created.id)).map((v) => [v.version, v.createdBy])).toEqual([[1, a.userId]]);

    const rules: RewardRule[] = [
      { type: 'one_time_share', percent: '12.5' },
      { type: 'recurring_share', percent: '5', durationMonths: 12 },
      { type: 'milestone', name: 'go-live', amount: '250' },
    ];
    const scope = { include: { products: ['pro', 'team', 'pro'], plans: [], categories: [] }, exclude: { products: [], plans: [], categories: ['hardware'] } };
    const saved = await updateProgramAction(a.workspaceSlug, null, termsForm(created.id, 1, { name: 'Agency partners', category: 'agency', rules, scope, windowDays: '60', joinPageEnabled: '' }));
    expect(saved).toMatchObject({ ok: true, message: expect.stringContaining('version 2') });
    const row = await programRow(created.id);
    expect(row).toMatchObject({ version: 2, name: 'Agency partners', rules, windowDays: 60, joinPageEnabled: false, terms: 'Be nice.' });
    expect(row.scope).toEqual({ include: { products: ['pro', 'team'] }, exclude: { categories: ['hardware'] } });
    const versions = await versionsOf(created.id);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]).toMatchObject({ createdBy: a.userId, terms: { name: 'Agency partners', rules, scope: row.scope, windowDays: 60, joinPageEnabled: false } });
    expect(versions[0].terms.rules).toEqual([{ type: 'per_customer', amount: '50' }]);

    // the same terms again change nothing; a form opened on version 1 is refused
    expect(await updateProgramAction(a.workspaceSlug, null, termsForm(created.id, 2, { name: 'Agency partners', category: 'agency', rules, scope, windowDays: '60', joinPageEnabled: '' }))).toMatchObject({ ok: true, message: expect.stringContaining('Nothing changed') });
    expect(await updateProgramAction(a.workspaceSlug, null, termsForm(created.id, 1, { name: 'Stale' }))).toMatchObject({ ok: false, message: expect.stringContaining('reload the page') });
    expect((await programRow(created.id)).name).toBe('Agency partners');
    expect(await versionsOf(created.id)).toHaveLength(2);
  });

  it('the row and its version are written together: when the version cannot be written, the terms do not change', async () => {
    signInAs(ownerA);
    // a version 2 already on record (as if written by a broken writer) makes the version insert fail
    const before = await programRow(a.programId);
    await db.insert(programVersions).values({ workspaceId: a.scope.workspaceId, programId: a.programId, version: 2, terms: { ...before, rules: [] } as never });
    const result = await updateProgramAction(a.workspaceSlug, null, termsForm(a.programId, 1, { rules: [{ type: 'one_time_share', percent: '20' }] }));
    expect(result).toMatchObject({ ok: false });
    expect(await programRow(a.programId)).toEqual(before);
    await db.delete(programVersions).where(and(eq(programVersions.programId, a.programId), eq(programVersions.version, 2)));
  });

  it('names the wrong field: a percentage over 100, a milestone twice, JPY cents, unreadable rules, a currency without a rate', async () => {
    signInAs(ownerA);
    const save = (over: Parameters<typeof termsForm>[2]) => updateProgramAction(a.workspaceSlug, null, termsForm(a.programId, 1, over));
    expect(await save({ rules: [{ type: 'per_order', amount: '5' }, { type: 'one_time_share', percent: '120' }] })).toMatchObject({ ok: false, fields: { 'rules.1.percent': 'a percentage must be at most 100' } });
    expect(await save({ rules: [{ type: 'milestone', name: 'go-live', amount: '5' }, { type: 'milestone', name: 'go-live', amount: '6' }] })).toMatchObject({ ok: false, fields: { 'rules.1.name': expect.any(String) } });
    expect(await save({ rules: [{ type: 'recurring_share', percent: '5', durationMonths: 'soon' }] })).toMatchObject({ ok: false, fields: { 'rules.0.durationMonths': 'must be a whole number of months' } });
    expect(await save({ rules: [] })).toMatchObject({ ok: false, fields: { rules: 'add at least one reward rule' } });
    expect(await save({ rules: [{ type: 'per_order', amount: '5.5' }], unit: 'JPY' })).toMatchObject({ ok: false, fields: { unit: expect.stringContaining('FX rate for JPY') } });
    expect(await save({ rules: [{ type: 'per_order', amount: '5.555' }] })).toMatchObject({ ok: false, fields: { 'rules.0.amount': 'USD allows at most 2 decimals' } });
    const unreadable = termsForm(a.programId, 1);
    unreadable.set('rules', '[{"type":');
    expect(await updateProgramAction(a.workspaceSlug, null, unreadable)).toMatchObject({ ok: false, fields: { rules: expect.stringContaining('could not be read') } });
    expect((await programRow(a.programId)).version).toBe(1);
  });
});

describe('a change applies to events received after it; older entries keep their version', () => {
  it('an order after a rate change pays the new rate and names version 2; the earlier entry keeps version 1', async () => {
    signInAs(ownerB);
    const [first] = await order(b, linkOfB, [{ product: 'pro', amount: '100.00' }]);
    expect(first).toMatchObject({ amount: '10.00', explanation: { programVersion: 1, rule: { type: 'one_time_share', percent: '10' } } });

    const scope = { include: { products: ['pro'], plans: [], categories: [] }, exclude: { products: ['addon'], plans: [], categories: [] } };
    const rules = [{ type: 'one_time_share', percent: '15' }, { type: 'per_order', amount: '2.50' }];
    expect(await updateProgramAction(b.workspaceSlug, null, termsForm(b.programId, 1, { rules, scope }))).toMatchObject({ ok: true });

    const second = await order(b, linkOfB, [{ product: 'pro', amount: '100.00' }, { product: 'addon', amount: '50.00' }, { product: 'other', amount: '70.00' }]);
    // only the "pro" line is in scope: 15% of 100, plus the per-order fee
    expect(second.map((e) => e.amount).sort()).toEqual(['15.00', '2.50']);
    expect(second.every((e) => e.explanation.programVersion === 2)).toBe(true);
    const [again] = await db.select({ explanation: ledgerEntries.explanation }).from(ledgerEntries).where(eq(ledgerEntries.orderRef, (first.explanation.event as { id: string }).id));
    expect(again.explanation).toMatchObject({ programVersion: 1, rule: { percent: '10' } });
  });

  // the embedded PGlite server runs one transaction at a time, so only a real Postgres can show the wait
  it.skipIf(process.env.DATABASE_EMBEDDED === '1')('an edit waits for an event being ingested, so that event is computed and labelled with one version', async () => {
    signInAs(ownerA);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    // what ingestEvent does first for an order: hold the programs' rows until its transaction ends
    const ingestion = db.transaction(async (tx) => {
      const versions = await lockProgramVersions(tx, a.scope.workspaceId);
      locked();
      await held;
      return versions.get(a.programId);
    });
    await lockTaken;
    let saved = false;
    const edit = updateProgramAction(a.workspaceSlug, null, termsForm(a.programId, 1, { rules: [{ type: 'one_time_share', percent: '11' }] })).then((r) => ((saved = true), r));
    await new Promise((r) => setTimeout(r, 300));
    expect(saved).toBe(false);
    release();
    expect(await ingestion).toBe(1);
    expect(await edit).toMatchObject({ ok: true, message: expect.stringContaining('version 2') });
  });

  it("the scope editor suggests the products the workspace's orders named, and only its own", async () => {
    expect((await scopeSuggestions(db, b.scope.workspaceId)).products).toEqual(['addon', 'other', 'pro']);
    expect(await scopeSuggestions(db, a.scope.workspaceId)).toEqual({ products: [], plans: [], categories: [] });
  });

  it("special terms replace the program's rules for one partner; following the program again restores them", async () => {
    signInAs(ownerB);
    expect(await setEnrollmentTermsAction(b.workspaceSlug, null, formOf({ enrollmentId: enrollmentOfB, mode: 'special', rules: JSON.stringify([{ type: 'per_order', amount: '7.777' }]) }))).toMatchObject({
      ok: false,
      fields: { 'rules.0.amount': 'USD allows at most 2 decimals' },
    });
    expect(await setEnrollmentTermsAction(b.workspaceSlug, null, formOf({ enrollmentId: enrollmentOfB, mode: 'special', rules: JSON.stringify([{ type: 'per_order', amount: '7' }]) }))).toMatchObject({ ok: true });
    const special = await order(b, linkOfB, [{ product: 'pro', amount: '100.00' }]);
    expect(special).toHaveLength(1);
    expect(special[0]).toMatchObject({ amount: '7.00', explanation: { programVersion: 2, rule: { type: 'per_order', source: 'enrollment' } } });

    expect(await setEnrollmentTermsAction(b.workspaceSlug, null, formOf({ enrollmentId: enrollmentOfB, mode: 'program', rules: 'ignored' }))).toMatchObject({ ok: true });
    const [enrollment] = await db.select({ rules: enrollments.rules }).from(enrollments).where(eq(enrollments.id, enrollmentOfB));
    expect(enrollment.rules).toBeNull();
    expect((await order(b, linkOfB, [{ product: 'pro', amount: '10.00' }])).map((e) => e.amount).sort()).toEqual(['1.50', '2.50']);
  });

  it('an archived program pays nothing on new events and hides its join page; restoring brings both back', async () => {
    signInAs(ownerB);
    expect(await setProgramStatusAction(b.workspaceSlug, null, formOf({ programId: b.programId, status: 'archived' }))).toMatchObject({ ok: true });
    expect(await order(b, linkOfB, [{ product: 'pro', amount: '100.00' }])).toEqual([]);
    expect(await findJoinableProgram(db, b.workspaceSlug, b.programSlug)).toBeUndefined();
    expect((await programRow(b.programId)).version).toBe(2);
    expect(await setProgramStatusAction(b.workspaceSlug, null, formOf({ programId: b.programId, status: 'active' }))).toMatchObject({ ok: true });
    expect(await findJoinableProgram(db, b.workspaceSlug, b.programSlug)).toMatchObject({ name: 'Referrals' });
    expect((await order(b, linkOfB, [{ product: 'pro', amount: '100.00' }])).map((e) => e.amount).sort()).toEqual(['15.00', '2.50']);
  });
});
