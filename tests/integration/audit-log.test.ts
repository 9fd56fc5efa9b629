/**
 * Issue 10: every configuration change writes one audit row (who, what, before and after) in the
 * change's own transaction. Each test runs the real console action with only the session mocked,
 * then reads the row and compares its `xmin` (the id of the transaction that wrote it) with the
 * changed row's: equal means one transaction. A change that rolls back leaves no row.
 */
import { createServer, type AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { financeAndViewer, formOf, type SessionUser } from '../helpers/actions';
import { isolateTrackingKeys } from '../helpers/tracking';
import { insertEnrollment, insertPartner } from '../../db/queries/partners';
import { insertProgram } from '../../db/queries/programs';
import { lockCustomer } from '../../db/queries/customers';
import { setAllowedDomains } from '../../db/queries/workspaces';
import { listAuditLog } from '../../db/queries/audit-list';
import { registerDeal } from '../../lib/server/rewards/deals';
import { createLink } from '../../lib/server/links';
import { AUDIT_SUBJECTS } from '../../lib/domain/audit';
import { resolveAuditReader } from '../../lib/server/audit-access';

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { createProgramAction } = await import('../../lib/actions/merchant');
const { updateProgramAction, setProgramStatusAction } = await import('../../lib/actions/programs');
const { createGroupAction, updateGroupAction } = await import('../../lib/actions/groups');
const { createPoolAction, updatePoolAction, closePoolAction } = await import('../../lib/actions/pools');
const { changeEnrollmentAction } = await import('../../lib/actions/enrollments');
const { setEnrollmentTermsAction } = await import('../../lib/actions/enrollment-terms');
const { createCouponAction, setCouponDisabledAction } = await import('../../lib/actions/coupons');
const { bindCustomerAction } = await import('../../lib/actions/bindings');
const { saveIntegrationSecretAction, removeIntegrationSecretAction } = await import('../../lib/actions/integrations');
const { rotateEventsSecretAction, saveWebhookEndpointAction, saveEventsPerMinuteAction } = await import('../../lib/actions/api-settings');
const { saveAllowedDomainsAction } = await import('../../lib/actions/tracking-settings');
const { decideDealAction } = await import('../../lib/actions/deals');

isolateTrackingKeys();
const db = testDatabase();
const signInAs = (user: SessionUser) => (session.current = { user: { id: user.id, email: user.email } });

let m: Awaited<ReturnType<typeof createMerchant>>;
let owner: SessionUser;
let ws: string;
let partnerId: string;
let enrollmentId: string;

interface AuditRow {
  xmin: string;
  actor: string | null;
  subject_type: string;
  before: unknown;
  after: unknown;
  data: Record<string, unknown>;
}

async function auditRows(action: string, subjectId: string): Promise<AuditRow[]> {
  const { rows } = await db.execute<AuditRow & Record<string, unknown>>(sql`
    select xmin::text as xmin, actor_user_id as actor, subject_type, before, after, data
    from audit_log where workspace_id = ${ws} and action = ${action} and subject_id = ${subjectId} order by seq`);
  return rows;
}

/** The transaction id that wrote the row this condition finds (its current version). */
async function xminOf(table: string, where: SQL): Promise<string | undefined> {
  const { rows } = await db.execute<{ xmin: string }>(sql`select xmin::text as xmin from ${sql.identifier(table)} where ${where}`);
  expect(rows.length, `${table} row`).toBe(1);
  return rows[0].xmin;
}

/** Exactly one row for this change, by the owner, written by the same transaction as the changed row. */
async function expectAudit(
  action: string, subjectId: string, changed: { table: string; where: SQL } | null,
  expected: { subjectType: string; before?: unknown; after?: unknown; data?: unknown },
) {
  const rows = await auditRows(action, subjectId);
  expect(rows, action).toHaveLength(1);
  const [row] = rows;
  expect(row.actor).toBe(owner.id);
  expect(row.subject_type).toBe(expected.subjectType);
  if ('before' in expected) expect(row.before).toEqual(expected.before);
  if ('after' in expected) expect(row.after).toEqual(expected.after);
  if (expected.data) expect(row.data).toMatchObject(expected.data as object);
  if (changed) expect(row.xmin, `${action} in the change's transaction`).toBe(await xminOf(changed.table, changed.where));
  return row;
}

const byId = (id: string) => sql`id = ${id}`;

beforeAll(async () => {
  m = await createMerchant(db);
  owner = { id: m.userId, email: m.email };
  ws = m.scope.workspaceId;
  ({ id: partnerId } = await insertPartner(db, ws, { email: `${uniq('ada')}@p.test`, name: 'Ada' }));
  enrollmentId = (await insertEnrollment(db, { workspaceId: ws, partnerId, programId: m.programId, status: 'pending', at: new Date('2025-01-02T00:00:00Z') }))!.id;
  signInAs(owner);
});

describe('programs', () => {
  let created: string;

  it('creating one records its terms as "after"', async () => {
    expect(await createProgramAction(m.workspaceSlug, null, formOf({ name: 'Agencies', category: 'agency', unit: 'USD', ruleType: 'one_time_share', ruleValue: '10' }))).toMatchObject({ ok: true });
    const { rows } = await db.execute<{ id: string }>(sql`select id from programs where workspace_id = ${ws} and name = 'Agencies'`);
    created = rows[0].id;
    const row = await expectAudit('program.created', created, { table: 'programs', where: byId(created) }, { subjectType: 'program', before: null, data: { name: 'Agencies' } });
    expect(row.after).toMatchObject({ name: 'Agencies', unit: 'USD', rules: [{ type: 'one_time_share', percent: '10' }], version: 1, status: 'active' });
  });

  it('changing the terms records the old and the new terms; saving them again records nothing', async () => {
    const terms = (percent: string, version: number) => formOf({
      programId: created, baseVersion: String(version), name: 'Agencies', description: '', terms: '', category: 'agency', unit: 'USD',
      model: 'last_touch', windowDays: '30', couponPrecedence: 'override', holdDays: '30', approvalMode: 'manual', joinPageEnabled: 'on',
      rules: JSON.stringify([{ type: 'one_time_share', percent }]),
      scope: JSON.stringify({ include: { products: ['suite'], plans: [], categories: [] }, exclude: { products: [], plans: [], categories: [] } }),
    });
    expect(await updateProgramAction(m.workspaceSlug, null, terms('12', 1))).toMatchObject({ ok: true, message: expect.stringContaining('version 2') });
    const row = await expectAudit('program.updated', created, { table: 'programs', where: byId(created) }, { subjectType: 'program' });
    expect(row.before).toMatchObject({ rules: [{ type: 'one_time_share', percent: '10' }], version: 1 });
    expect(row.after).toMatchObject({ rules: [{ type: 'one_time_share', percent: '12' }], scope: { include: { products: ['suite'] } }, version: 2 });
    expect(await updateProgramAction(m.workspaceSlug, null, terms('12', 2))).toMatchObject({ ok: true, message: expect.stringContaining('Nothing changed') });
    expect(await auditRows('program.updated', created)).toHaveLength(1);
  });

  it('archiving and restoring record the status', async () => {
    expect(await setProgramStatusAction(m.workspaceSlug, null, formOf({ programId: created, status: 'archived' }))).toMatchObject({ ok: true });
    await expectAudit('program.archived', created, { table: 'programs', where: byId(created) }, { subjectType: 'program', before: { status: 'active' }, after: { status: 'archived' } });
    expect(await setProgramStatusAction(m.workspaceSlug, null, formOf({ programId: created, status: 'active' }))).toMatchObject({ ok: true });
    await expectAudit('program.restored', created, { table: 'programs', where: byId(created) }, { subjectType: 'program', before: { status: 'archived' }, after: { status: 'active' } });
  });
});

describe('groups and pools', () => {
  let gold: string;
  let silver: string;
  let groupId: string;
  let poolId: string;

  beforeAll(async () => {
    gold = (await insertProgram(db, ws, { slug: 'gold', name: 'Gold', category: 'reseller', unit: 'USD', rules: [{ type: 'one_time_share', percent: '20' }] })).id;
    silver = (await insertProgram(db, ws, { slug: 'silver', name: 'Silver', category: 'reseller', unit: 'USD', rules: [{ type: 'one_time_share', percent: '10' }] })).id;
  });

  it('a group: creation, then a rename, a new strategy and its tiers reordered in one save', async () => {
    expect(await createGroupAction(m.workspaceSlug, null, formOf({ name: 'Tiers', strategy: 'highest_rank', programIds: `${gold},${silver}` }))).toMatchObject({ ok: true });
    const { rows } = await db.execute<{ id: string }>(sql`select id from program_groups where workspace_id = ${ws}`);
    groupId = rows[0].id;
    const tiers = [{ id: gold, name: 'Gold' }, { id: silver, name: 'Silver' }];
    await expectAudit('group.created', groupId, { table: 'program_groups', where: byId(groupId) }, { subjectType: 'group', before: null, after: { name: 'Tiers', strategy: 'highest_rank', programs: tiers } });
    expect(await updateGroupAction(m.workspaceSlug, null, formOf({ groupId, name: 'Reseller tiers', strategy: 'highest_reward', programIds: `${silver},${gold}` }))).toMatchObject({ ok: true });
    await expectAudit('group.updated', groupId, { table: 'program_groups', where: byId(groupId) }, {
      subjectType: 'group',
      before: { name: 'Tiers', strategy: 'highest_rank', programs: tiers },
      after: { name: 'Reseller tiers', strategy: 'highest_reward', programs: [...tiers].reverse() },
    });
  });

  it('a pool: creation, an edit, and closing a period', async () => {
    const poolForm = (extra: Record<string, string>) => formOf({ name: 'Top resellers', unit: 'USD', amount: '500.00', period: 'quarter', metric: 'revenue', goal: '1000', programIds: gold, ...extra });
    expect(await createPoolAction(m.workspaceSlug, null, poolForm({}))).toMatchObject({ ok: true });
    const { rows } = await db.execute<{ id: string }>(sql`select id from pools where workspace_id = ${ws}`);
    poolId = rows[0].id;
    const settings = { name: 'Top resellers', unit: 'USD', amount: '500.00', period: 'quarter', metric: 'revenue', goal: '1000' };
    await expectAudit('pool.created', poolId, { table: 'pools', where: byId(poolId) }, { subjectType: 'pool', before: null, after: { ...settings, programs: [{ id: gold, name: 'Gold' }] } });
    expect(await updatePoolAction(m.workspaceSlug, null, poolForm({ poolId, goal: '2000', programIds: `${gold},${silver}` }))).toMatchObject({ ok: true });
    await expectAudit('pool.updated', poolId, { table: 'pools', where: byId(poolId) }, {
      subjectType: 'pool',
      before: { ...settings, programs: [{ id: gold, name: 'Gold' }] },
      after: { ...settings, goal: '2000', programs: [{ id: gold, name: 'Gold' }, { id: silver, name: 'Silver' }] },
    });

    // a partner approved in Gold since 2025 gives the pool a history; last quarter has ended
    const { id: ben } = await insertPartner(db, ws, { email: `${uniq('ben')}@p.test`, name: 'Ben' });
    await insertEnrollment(db, { workspaceId: ws, partnerId: ben, programId: gold, status: 'approved', at: new Date('2025-01-02T00:00:00Z') });
    const now = new Date();
    const lastQuarterEnd = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1) - 1);
    const period = `${lastQuarterEnd.getUTCFullYear()}-Q${Math.floor(lastQuarterEnd.getUTCMonth() / 3) + 1}`;
    expect(await closePoolAction(m.workspaceSlug, null, formOf({ poolId, period }))).toMatchObject({ ok: true });
    await expectAudit('pool.period_closed', poolId, { table: 'pool_period_closings', where: sql`pool_id = ${poolId} and period = ${period}` }, {
      subjectType: 'pool', after: { period, measured: 1, qualified: 0, paid: '0', unit: 'USD' }, data: { name: 'Top resellers', period },
    });
  });
});

describe('enrollments, special terms and coupons', () => {
  it('a decision records the status it replaced and the reason', async () => {
    expect(await changeEnrollmentAction(m.workspaceSlug, null, formOf({ enrollmentId, status: 'approved', reason: 'Good fit' }))).toMatchObject({ ok: true });
    await expectAudit('enrollment.approved', enrollmentId, { table: 'enrollments', where: byId(enrollmentId) }, {
      subjectType: 'enrollment', before: { status: 'pending' }, after: { status: 'approved' },
      data: { partnerId, partnerName: 'Ada', programId: m.programId, programName: 'Referrals', reason: 'Good fit' },
    });
  });

  it('special terms record the rules before and after', async () => {
    const rules = [{ type: 'per_order', amount: '7.50' }];
    expect(await setEnrollmentTermsAction(m.workspaceSlug, null, formOf({ enrollmentId, mode: 'special', rules: JSON.stringify(rules) }))).toMatchObject({ ok: true });
    await expectAudit('enrollment.terms_changed', enrollmentId, { table: 'enrollments', where: byId(enrollmentId) }, {
      subjectType: 'enrollment', before: { rules: null }, after: { rules }, data: { partnerId, unit: 'USD' },
    });
  });

  it('a coupon: created, disabled, enabled', async () => {
    expect(await createCouponAction(m.workspaceSlug, partnerId, null, formOf({ programId: m.programId, code: 'ada-10' }))).toMatchObject({ ok: true });
    const { rows } = await db.execute<{ id: string }>(sql`select id from coupons where workspace_id = ${ws} and code = 'ADA-10'`);
    const couponId = rows[0].id;
    await expectAudit('coupon.created', couponId, { table: 'coupons', where: byId(couponId) }, {
      subjectType: 'coupon', before: null, after: { code: 'ADA-10', partnerId, programId: m.programId, stripePromotionCodeId: null, disabled: false },
    });
    expect(await setCouponDisabledAction(m.workspaceSlug, null, formOf({ couponId, disabled: 'true' }))).toMatchObject({ ok: true });
    await expectAudit('coupon.disabled', couponId, { table: 'coupons', where: byId(couponId) }, { subjectType: 'coupon', before: { disabled: false }, after: { disabled: true } });
    expect(await setCouponDisabledAction(m.workspaceSlug, null, formOf({ couponId, disabled: 'true' }))).toMatchObject({ ok: true });
    expect(await auditRows('coupon.disabled', couponId)).toHaveLength(1);
    expect(await setCouponDisabledAction(m.workspaceSlug, null, formOf({ couponId, disabled: 'false' }))).toMatchObject({ ok: true });
    await expectAudit('coupon.enabled', couponId, { table: 'coupons', where: byId(couponId) }, { subjectType: 'coupon', before: { disabled: true }, after: { disabled: false } });
  });

  it('binding a customer by hand records the shares it replaced and keeps "who bound it" readable', async () => {
    const customer = await lockCustomer(db, ws, 'cust-fair', null);
    expect(await bindCustomerAction(m.workspaceSlug, customer.id, null, formOf({ programId: m.programId, partnerId, reason: 'met at the fair' }))).toMatchObject({ ok: true });
    await expectAudit('customer.bound_by_hand', customer.id, { table: 'customers', where: byId(customer.id) }, {
      subjectType: 'customer', before: null,
      after: { customer: 'cust-fair', programId: m.programId, shares: [{ partnerId, share: '1', source: 'manual' }], reason: 'met at the fair' },
      data: { programId: m.programId, partnerId, reason: 'met at the fair', replaced: [] },
    });
  });

  it('deciding a deal records the decision', async () => {
    const deal = await registerDeal(db, ws, {
      partnerId, programId: m.programId, match: { email: 'cto@bigco.test' }, prospectName: 'BigCo', registeredAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000),
    });
    expect(await decideDealAction(m.workspaceSlug, null, formOf({ dealId: deal.id, decision: 'approved' }))).toMatchObject({ ok: true });
    await expectAudit('deal.approved', deal.id, { table: 'deal_registrations', where: byId(deal.id) }, {
      subjectType: 'deal', before: { status: 'pending' }, after: { status: 'approved' }, data: { name: 'BigCo', partnerId, programId: m.programId },
    });
  });
});

describe('secrets and settings', () => {
  const secretRow = (kind: string) => ({ table: 'webhook_secrets', where: sql`workspace_id = ${ws} and kind = ${kind}` });
  const workspaceRow = () => ({ table: 'workspaces', where: byId(ws) });

  it('a provider secret: saved and removed, never its value', async () => {
    expect(await saveIntegrationSecretAction(m.workspaceSlug, 'stripe', null, formOf({ secret: 'whsec_audit_secret_value' }))).toMatchObject({ ok: true });
    const saved = await expectAudit('integration.secret_saved', 'stripe', secretRow('stripe'), { subjectType: 'integration', before: { configured: false }, after: { configured: true } });
    expect(await removeIntegrationSecretAction(m.workspaceSlug, 'stripe')).toMatchObject({ ok: true });
    // the row is gone, so only the audit row can say which transaction removed it
    await expectAudit('integration.secret_removed', 'stripe', null, { subjectType: 'integration', before: { configured: true }, after: { configured: false } });
    expect(JSON.stringify(saved)).not.toContain('whsec_audit_secret_value');
  });

  it('the events secret: created, then rotated; the webhook endpoint: created and moved', async () => {
    const first = await rotateEventsSecretAction(m.workspaceSlug);
    await expectAudit('secret.created', 'events', secretRow('events'), { subjectType: 'secret', before: { configured: false }, after: { configured: true } });
    await rotateEventsSecretAction(m.workspaceSlug);
    await expectAudit('secret.rotated', 'events', secretRow('events'), { subjectType: 'secret', before: { configured: true }, after: { configured: true } });
    expect(await saveWebhookEndpointAction(m.workspaceSlug, null, formOf({ url: 'https://hooks.example/one' }))).toMatchObject({ ok: true });
    expect(await saveWebhookEndpointAction(m.workspaceSlug, null, formOf({ url: 'https://hooks.example/two' }))).toMatchObject({ ok: true });
    const rows = await auditRows('webhook.endpoint_saved', 'outbound');
    expect(rows.map((r) => [r.before, r.after, r.data])).toEqual([
      [null, { url: 'https://hooks.example/one' }, { secret: 'created' }],
      [{ url: 'https://hooks.example/one' }, { url: 'https://hooks.example/two' }, { secret: 'unchanged' }],
    ]);
    expect(rows[1].xmin).toBe(await xminOf('webhook_secrets', secretRow('outbound').where));
    const all = await db.execute(sql`select before, after, data from audit_log where workspace_id = ${ws}`);
    expect(JSON.stringify(all.rows)).not.toContain(first.ok ? first.data!.secret : 'never');
  });

  it('allowed domains and the events-per-minute limit record the old and new values', async () => {
    expect(await saveAllowedDomainsAction(m.workspaceSlug, null, formOf({ domains: 'shop.example' }))).toMatchObject({ ok: true });
    await expectAudit('settings.allowed_domains_changed', 'allowed_domains', workspaceRow(), { subjectType: 'settings', before: { allowedDomains: [] }, after: { allowedDomains: ['shop.example'] } });
    expect(await saveEventsPerMinuteAction(m.workspaceSlug, null, formOf({ eventsPerMinute: '12,000' }))).toMatchObject({ ok: true });
    await expectAudit('settings.events_per_minute_changed', 'events_per_minute', workspaceRow(), { subjectType: 'settings', before: { eventsPerMinute: 6000 }, after: { eventsPerMinute: 12000 } });
  });
});

describe('a change that rolls back', () => {
  /** A loopback port that was just free: connecting is refused, as with a Redis that went down. */
  async function closedPortUrl(): Promise<string> {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));
    return `http://127.0.0.1:${port}`;
  }

  it('leaves no audit row: a domains save the tracking cache refused', async () => {
    const other = await createMerchant(db, { approvalMode: 'auto' });
    await setAllowedDomains(db, other.scope.workspaceId, ['shop.example']);
    const { id: pia } = await insertPartner(db, other.scope.workspaceId, { email: `${uniq('pia')}@p.test`, name: 'Pia' });
    await insertEnrollment(db, { workspaceId: other.scope.workspaceId, partnerId: pia, programId: other.programId, status: 'approved', at: new Date() });
    await createLink(db, other.scope.workspaceId, { partnerId: pia, programId: other.programId, destinationUrl: 'https://shop.example/p' });
    signInAs({ id: other.userId, email: other.email });
    const saved = process.env.UPSTASH_REDIS_REST_URL;
    process.env.UPSTASH_REDIS_REST_URL = await closedPortUrl();
    try {
      expect(await saveAllowedDomainsAction(other.workspaceSlug, null, formOf({ domains: 'elsewhere.example' }))).toMatchObject({ ok: false, message: expect.stringContaining('not saved') });
    } finally {
      process.env.UPSTASH_REDIS_REST_URL = saved;
      signInAs(owner);
    }
    const { rows } = await db.execute(sql`select 1 from audit_log where workspace_id = ${other.scope.workspaceId}`);
    expect(rows).toEqual([]);
  });
});

describe('reading the log', () => {
  it('lists newest first with the actor, filters by subject, actor, action and day, and pages', async () => {
    const all = await listAuditLog(db, ws, { page: 1, pageSize: 100 });
    expect(all.total).toBeGreaterThanOrEqual(20);
    expect(all.rows[0].action).toBe('settings.events_per_minute_changed');
    expect(all.rows.every((r) => r.actorEmail === owner.email)).toBe(true);
    const seqs = all.rows.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x));

    const coupons = await listAuditLog(db, ws, { page: 1, pageSize: 100, subjectType: 'coupon' });
    expect(coupons.rows.map((r) => r.action)).toEqual(['coupon.enabled', 'coupon.disabled', 'coupon.created']);
    expect((await listAuditLog(db, ws, { page: 1, pageSize: 100, subjectType: 'coupon', subjectId: coupons.rows[0].subjectId! })).total).toBe(3);
    expect((await listAuditLog(db, ws, { page: 1, pageSize: 100, action: 'pool.updated' })).total).toBe(1);
    expect((await listAuditLog(db, ws, { page: 1, pageSize: 100, actorUserId: '00000000-0000-4000-8000-000000000000' })).total).toBe(0);
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect((await listAuditLog(db, ws, { page: 1, pageSize: 100, from: tomorrow })).total).toBe(0);
    expect((await listAuditLog(db, ws, { page: 1, pageSize: 100, to: tomorrow })).total).toBe(all.total);

    const page2 = await listAuditLog(db, ws, { page: 2, pageSize: 5 });
    expect(page2.rows.map((r) => r.id)).toEqual(all.rows.slice(5, 10).map((r) => r.id));
    // another tenant's log is its own
    expect((await listAuditLog(db, (await createMerchant(db)).scope.workspaceId, { page: 1, pageSize: 10 })).total).toBe(0);
  });

  it('covers a row for each kind of configuration change this suite made', async () => {
    const { rows } = await db.execute<{ subject_type: string }>(sql`select distinct subject_type from audit_log where workspace_id = ${ws}`);
    const kinds = rows.map((r) => r.subject_type).sort();
    expect(kinds).toEqual(['coupon', 'customer', 'deal', 'enrollment', 'group', 'integration', 'pool', 'program', 'secret', 'settings', 'webhook']);
    expect(kinds.every((k) => (AUDIT_SUBJECTS as readonly string[]).includes(k))).toBe(true);
  });
});

describe('who may read it', () => {
  it('finance reads it; a viewer and another tenant are refused as not found', async () => {
    const { finance, viewer } = await financeAndViewer(db, ws);
    await expect(resolveAuditReader(finance.id, m.workspaceSlug)).resolves.toMatchObject({ workspaceId: ws, role: 'finance' });
    await expect(resolveAuditReader(viewer.id, m.workspaceSlug)).rejects.toMatchObject({ code: 'not_found' });
    const stranger = await createMerchant(db);
    await expect(resolveAuditReader(stranger.userId, m.workspaceSlug)).rejects.toMatchObject({ code: 'not_found' });
  });
});
