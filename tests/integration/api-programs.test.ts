import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import fc from 'fast-check';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { apiKeyFor, callApi, walkList } from '../helpers/api';
import { auditLog, programs, programVersions } from '../../db/schema';
import { insertFxRate } from '../../db/queries/scenario-setup';
import { termsSnapshotOf } from '../../db/queries/program-versions';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { playStep } from '../../scripts/scenarios/steps';
import type { Scenario } from '../../scripts/scenarios/format';
import { createGroup } from '../../lib/server/groups';
import { createPool } from '../../lib/server/pool-config';
import { apiErrorSchema } from '../../lib/api/errors';
import { buildOpenApiDocument } from '../../lib/api/openapi';
import { endpoints } from '../../lib/api/v1/programs';
import type { MerchantScope } from '../../lib/server/scope';

// Programs, groups and pools through the REST API alone, against real Postgres: what a create
// stores is what the scenario runner stores for the same terms, updates version the terms the way
// the console does, lists page without gaps or repeats, and other workspaces' ids are not found.

const db = testDatabase();
const programsRoute = await import('../../app/api/v1/programs/route');
const programRoute = await import('../../app/api/v1/programs/[id]/route');
const groupsRoute = await import('../../app/api/v1/groups/route');
const groupRoute = await import('../../app/api/v1/groups/[id]/route');
const poolsRoute = await import('../../app/api/v1/pools/route');
const poolRoute = await import('../../app/api/v1/pools/[id]/route');

let a: Awaited<ReturnType<typeof createMerchant>>;
let b: Awaited<ReturnType<typeof createMerchant>>;
let writer: string;
let reader: string;
let writerOfB: string;
let groupOfB: string;
let poolOfB: string;

const scenario04 = JSON.parse(readFileSync('/work/shared/scenarios/04-recurring-duration-scope.json', 'utf8')) as Scenario;
const saasBody = {
  name: 'SaaS referrals', category: 'referral', unit: 'USD', model: 'last_touch', window_days: 60, coupon_precedence: 'override', hold_days: 0,
  scope: { include: { categories: ['subscription'] } },
  rules: [{ type: 'per_customer', amount: '50.00' }, { type: 'recurring_share', percent: '20', durationMonths: 3 }],
};

const keyScope = (workspaceId: string): MerchantScope => ({ workspaceId, workspaceSlug: '', userId: null, role: 'owner', baseCurrency: 'USD', timeZone: 'UTC' });
const create = (body: unknown, key = writer, headers?: Record<string, string>) => callApi(programsRoute.POST, 'POST', { key, path: '/programs', body, headers });
const update = (id: string, body: unknown, key = writer) => callApi(programRoute.POST, 'POST', { key, path: `/programs/${id}`, params: { id }, body });
const getProgram = (id: string, key = reader) => callApi(programRoute.GET, 'GET', { key, path: `/programs/${id}`, params: { id } });

function expectError(res: { status: number; json: unknown }, status: number, code: string, field?: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  const parsed = apiErrorSchema.parse(res.json);
  expect(parsed.error.code).toBe(code);
  if (field) expect(parsed.error.field).toBe(field);
}

/** Every id of a list, page by page. */
const walk = async (handler: typeof programsRoute.GET, path: string, key = reader) => (await walkList(handler, key, path)).map((o) => o.id as string);

beforeAll(async () => {
  a = await createMerchant(db);
  b = await createMerchant(db);
  await insertFxRate(db, a.scope.workspaceId, { currency: 'EUR', rate: '1.10', effectiveFrom: new Date('2020-01-01T00:00:00Z') });
  writer = await apiKeyFor(db, a.scope.workspaceId, 'read_write');
  reader = await apiKeyFor(db, a.scope.workspaceId, 'read');
  writerOfB = await apiKeyFor(db, b.scope.workspaceId, 'read_write');
  groupOfB = (await createGroup(db, keyScope(b.scope.workspaceId), { name: 'B tiers', strategy: 'highest_rank', programIds: [b.programId] })).id;
  poolOfB = (await createPool(db, keyScope(b.scope.workspaceId), { name: 'B pool', unit: 'USD', amount: '100.00', period: 'quarter', metric: 'revenue', goal: '10', programIds: [b.programId] })).id;
});

describe('POST /programs', () => {
  it('creates a program with a scope and a recurring rule as version 1, stored as the scenario runner stores the same terms', async () => {
    const res = await create(saasBody);
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      object: 'program', name: 'SaaS referrals', slug: 'saas-referrals', status: 'active', unit: 'USD', model: 'last_touch', window_days: 60, hold_days: 0,
      coupon_precedence: 'override', approval_mode: 'manual', join_page_enabled: true, version: 1, group: null, rules: saasBody.rules,
      scope: { include: { products: [], plans: [], categories: ['subscription'] }, exclude: { products: [], plans: [], categories: [] } },
    });
    expect(new Date(res.json.created_at).toISOString()).toBe(res.json.created_at);

    const [stored] = await db.select().from(programs).where(eq(programs.id, res.json.id));
    const ids = await setUpScenario(db, scenario04);
    const [fromScenario] = await db.select().from(programs).where(eq(programs.id, ids.programs.get('saas')!));
    const engineTerms = (p: typeof stored) => {
      const t = termsSnapshotOf(p);
      const lists = (l: typeof t.scope.include) => ({ products: l?.products ?? [], plans: l?.plans ?? [], categories: l?.categories ?? [] });
      return { rules: t.rules, include: lists(t.scope.include), exclude: lists(t.scope.exclude), unit: t.unit, model: t.model, windowDays: t.windowDays, couponPrecedence: t.couponPrecedence, holdDays: t.holdDays };
    };
    expect(engineTerms(stored!)).toEqual(engineTerms(fromScenario!));

    const versions = await db.select().from(programVersions).where(eq(programVersions.programId, res.json.id));
    expect(versions.map((v) => [v.version, v.terms.rules])).toEqual([[1, saasBody.rules]]);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.subjectId, res.json.id), eq(auditLog.action, 'program.created')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: null, actorApiKeyId: expect.any(String) });
  });

  it('fills the console’s defaults and gives a taken name the next slug', async () => {
    const name = `Defaults ${uniq()}`;
    const body = { name, category: 'agency', unit: 'eur', rules: [{ type: 'one_time_share', percent: '10' }] };
    const first = await create(body);
    const second = await create(body);
    expect(first.status, first.text).toBe(201);
    expect(first.json).toMatchObject({ unit: 'EUR', model: 'last_touch', window_days: 30, hold_days: 30, coupon_precedence: 'override', approval_mode: 'manual', description: '', public_terms: '' });
    expect(second.json.slug).toBe(`${first.json.slug}-2`);
  });

  it('refuses bad terms with 400 naming the field, and writes nothing', async () => {
    const before = (await db.select({ n: count() }).from(programs).where(eq(programs.workspaceId, a.scope.workspaceId)))[0]!.n;
    const cases: [unknown, string][] = [
      [{ ...saasBody, name: undefined }, 'name'],
      [{ ...saasBody, rules: [] }, 'rules'],
      [{ ...saasBody, rules: [{ type: 'one_time_share', percent: '120' }] }, 'rules.0.percent'],
      [{ ...saasBody, rules: [saasBody.rules[0], { type: 'recurring_share', percent: '5', durationMonths: 0 }] }, 'rules.1.durationMonths'],
      [{ ...saasBody, rules: [{ type: 'per_order', amount: 12.5 }] }, 'rules.0.amount'],
      [{ ...saasBody, rules: [{ type: 'per_order', amount: '1.234' }] }, 'rules.0.amount'],
      [{ ...saasBody, rules: [{ type: 'milestone', name: 'demo', amount: '5' }, { type: 'milestone', name: 'demo', amount: '6' }] }, 'rules.1.name'],
      [{ ...saasBody, unit: 'XYZ' }, 'unit'],
      [{ ...saasBody, unit: 'GBP' }, 'unit'],
      [{ ...saasBody, window_days: '60' }, 'window_days'],
      [{ ...saasBody, hold_days: 366 }, 'hold_days'],
      [{ ...saasBody, category: 'friends' }, 'category'],
      [{ ...saasBody, scope: { include: { categories: [''] } } }, 'scope.include.categories.0'],
      [{ ...saasBody, window_day: 90 }, 'window_day'],
    ];
    for (const [body, field] of cases) expectError(await create(body), 400, 'invalid_input', field);
    expectError(await callApi(programsRoute.POST, 'POST', { key: writer, path: '/programs', rawBody: '{"name":' }), 400, 'invalid_input');
    const after = (await db.select({ n: count() }).from(programs).where(eq(programs.workspaceId, a.scope.workspaceId)))[0]!.n;
    expect(after).toBe(before);
  });

  it('refuses a read-only key (403) and replays an Idempotency-Key instead of creating twice', async () => {
    expectError(await create(saasBody, reader), 403, 'forbidden');
    const key = uniq('idem');
    const name = `Once ${uniq()}`;
    const [one, two] = await Promise.all([create({ ...saasBody, name }, writer, { 'Idempotency-Key': key }), create({ ...saasBody, name }, writer, { 'Idempotency-Key': key })]);
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(one.text).toBe(two.text);
    expect(await db.select({ id: programs.id }).from(programs).where(and(eq(programs.workspaceId, a.scope.workspaceId), eq(programs.name, name)))).toHaveLength(1);
  });

  it('never answers a 500 to any body, and every refusal has the one error shape', async () => {
    const rule = fc.oneof(
      fc.record({ type: fc.constantFrom('one_time_share', 'recurring_share'), percent: fc.oneof(fc.string(), fc.float().map(String), fc.integer()) }, { requiredKeys: [] }),
      fc.record({ type: fc.constantFrom('per_customer', 'per_order', 'milestone', 'bogus'), amount: fc.oneof(fc.string(), fc.double().map(String)), name: fc.string() }, { requiredKeys: ['type'] }),
      fc.record({ type: fc.constant('recurring_share'), percent: fc.constant('5'), durationMonths: fc.oneof(fc.integer(), fc.double(), fc.constant(null), fc.string()) }),
      fc.anything(),
    );
    const body = fc.oneof(
      fc.record(
        {
          name: fc.oneof(fc.string({ maxLength: 90 }), fc.constant('Fuzzed program')),
          category: fc.oneof(fc.constantFrom('referral', 'agency', 'x'), fc.anything()),
          unit: fc.oneof(fc.constantFrom('USD', 'usd', 'EUR', 'JPY', ''), fc.string()),
          model: fc.oneof(fc.constantFrom('last_touch', 'first_touch'), fc.anything()),
          window_days: fc.oneof(fc.integer({ min: -5, max: 4000 }), fc.double(), fc.string()),
          hold_days: fc.oneof(fc.integer({ min: -5, max: 400 }), fc.anything()),
          rules: fc.oneof(fc.array(rule, { maxLength: 4 }), fc.anything()),
          scope: fc.oneof(fc.record({ include: fc.record({ products: fc.array(fc.string(), { maxLength: 3 }) }, { requiredKeys: [] }) }, { requiredKeys: [] }), fc.anything()),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await callApi(programsRoute.POST, 'POST', { key: writer, path: '/programs', rawBody: JSON.stringify(b) ?? 'null' });
        expect(res.status, res.text).not.toBe(500);
        if (res.status !== 201) {
          expect([400, 404, 409, 422]).toContain(res.status);
          apiErrorSchema.parse(res.json);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('POST /programs/{id}', () => {
  it('changes only the terms sent, as the next version; the same terms again change nothing', async () => {
    const created = (await create({ ...saasBody, name: `Edit ${uniq()}` })).json;
    const res = await update(created.id, { window_days: 90, scope: { exclude: { products: ['onboarding', 'onboarding'] } } });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ version: 2, window_days: 90, hold_days: 0, rules: saasBody.rules, scope: { include: { categories: [] }, exclude: { products: ['onboarding'] } } });
    const again = await update(created.id, { window_days: 90, version: 2 });
    expect(again.json.version).toBe(2);
    const audit = await db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.subjectId, created.id), eq(auditLog.action, 'program.updated')));
    expect(audit[0]!.n).toBe(1);
    expect(await db.select({ v: programVersions.version }).from(programVersions).where(eq(programVersions.programId, created.id))).toHaveLength(2);
  });

  it('archives and restores, and lists filter by status, unit and category', async () => {
    const created = (await create({ ...saasBody, name: `Archive ${uniq()}`, unit: 'EUR', category: 'implementation' })).json;
    const archived = await update(created.id, { status: 'archived' });
    expect(archived.json).toMatchObject({ status: 'archived', version: 1 });
    const archivedIds = await walk(programsRoute.GET, '/programs?status=archived');
    expect(archivedIds).toContain(created.id);
    expect(await walk(programsRoute.GET, '/programs?status=active')).not.toContain(created.id);
    expect(await walk(programsRoute.GET, '/programs?unit=EUR&category=implementation')).toEqual([created.id]);
    expect((await update(created.id, { status: 'active', hold_days: 7 })).json).toMatchObject({ status: 'active', hold_days: 7, version: 2 });
    const actions = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, created.id)).orderBy(auditLog.seq);
    expect(actions.map((r) => r.action)).toEqual(['program.created', 'program.archived', 'program.updated', 'program.restored']);
  });

  it('refuses a stale version (409), bad terms (400 naming the field), a read-only key (403) and other workspaces’ programs (404)', async () => {
    const created = (await create({ ...saasBody, name: `Guard ${uniq()}` })).json;
    await update(created.id, { hold_days: 3 });
    expectError(await update(created.id, { hold_days: 4, version: 1 }), 409, 'conflict', 'version');
    expectError(await update(created.id, { rules: [{ type: 'per_order', amount: '-1' }] }), 400, 'invalid_input', 'rules.0.amount');
    expectError(await update(created.id, { status: 'paused' }), 400, 'invalid_input', 'status');
    expectError(await update(created.id, { hold_days: 5 }, reader), 403, 'forbidden');
    expectError(await update(b.programId, { hold_days: 5 }), 404, 'not_found');
    expectError(await update(created.id, { hold_days: 5 }, writerOfB), 404, 'not_found');
    expect((await getProgram(created.id)).json).toMatchObject({ hold_days: 3, version: 2 });
    const [bProgram] = await db.select({ holdDays: programs.holdDays }).from(programs).where(eq(programs.id, b.programId));
    expect(bProgram!.holdDays).toBe(30);
  });
});

describe('GET /programs', () => {
  it('pages newest first across pages with no gaps or repeats, and shows group membership', async () => {
    for (let i = 0; i < 3; i++) await create({ ...saasBody, name: `Page ${i} ${uniq()}` });
    const ids = await walk(programsRoute.GET, '/programs');
    const rows = await db.select({ id: programs.id, at: programs.createdAt }).from(programs).where(eq(programs.workspaceId, a.scope.workspaceId));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(rows.map((r) => r.id).sort());
    const first = await callApi(programsRoute.GET, 'GET', { key: reader, path: '/programs?limit=3' });
    const times = first.json.data.map((p: { created_at: string }) => p.created_at);
    expect([...times].sort().reverse()).toEqual(times);

    const group = await createGroup(db, keyScope(a.scope.workspaceId), { name: 'Tiers', strategy: 'highest_reward', programIds: [ids[0]!, a.programId] });
    expect((await getProgram(a.programId)).json.group).toEqual({ id: group.id, name: 'Tiers', rank: 2 });
  });

  it('refuses a bad limit or filter (400 naming it), another workspace’s cursor and ids (404), and a malformed id (400)', async () => {
    expectError(await callApi(programsRoute.GET, 'GET', { key: reader, path: '/programs?limit=101' }), 400, 'invalid_input', 'limit');
    expectError(await callApi(programsRoute.GET, 'GET', { key: reader, path: '/programs?status=gone' }), 400, 'invalid_input', 'status');
    expectError(await callApi(programsRoute.GET, 'GET', { key: reader, path: `/programs?starting_after=${b.programId}` }), 404, 'not_found', 'starting_after');
    expectError(await getProgram(b.programId), 404, 'not_found');
    expectError(await getProgram('not-a-uuid'), 400, 'invalid_input', 'id');
    expect((await callApi(programsRoute.GET, 'GET', { path: '/programs' })).status).toBe(401);
  });
});

describe('GET /groups and /pools', () => {
  let gold: string;
  let silver: string;
  beforeAll(async () => {
    gold = (await create({ ...saasBody, name: `Gold ${uniq()}` })).json.id;
    silver = (await create({ ...saasBody, name: `Silver ${uniq()}` })).json.id;
    const scope = keyScope(a.scope.workspaceId);
    await createGroup(db, scope, { name: 'Resellers', strategy: 'highest_rank', programIds: [gold, silver] });
    for (let i = 0; i < 3; i++) await createGroup(db, scope, { name: `Empty ${i}`, strategy: 'highest_reward', programIds: [] });
    await createPool(db, scope, { name: 'Top revenue', unit: 'USD', amount: '500.00', period: 'quarter', metric: 'revenue', goal: '1000', programIds: [gold, silver] });
    await createPool(db, scope, { name: 'New customers', unit: 'USD', amount: '200.00', period: 'year', metric: 'customers', goal: '3', programIds: [gold] });
    await createPool(db, scope, { name: 'Another', unit: 'EUR', amount: '50.00', period: 'quarter', metric: 'customers', goal: '0', programIds: [silver] });
  });

  it('lists groups with their tiers, page by page, and filters by strategy', async () => {
    const ids = await walk(groupsRoute.GET, '/groups');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    const ranked = await walk(groupsRoute.GET, '/groups?strategy=highest_rank');
    expect(ranked).toHaveLength(1);
    const res = await callApi(groupRoute.GET, 'GET', { key: reader, path: `/groups/${ranked[0]}`, params: { id: ranked[0]! } });
    expect(res.json).toMatchObject({
      object: 'group', name: 'Resellers', strategy: 'highest_rank',
      tiers: [{ rank: 1, program_id: gold, unit: 'USD', status: 'active' }, { rank: 2, program_id: silver }],
    });
    expectError(await callApi(groupRoute.GET, 'GET', { key: reader, path: `/groups/${groupOfB}`, params: { id: groupOfB } }), 404, 'not_found');
    expectError(await callApi(groupsRoute.GET, 'GET', { key: reader, path: '/groups?strategy=best' }), 400, 'invalid_input', 'strategy');
    expectError(await callApi(groupsRoute.GET, 'GET', { key: reader, path: `/groups?starting_after=${groupOfB}` }), 404, 'not_found', 'starting_after');
  });

  it('lists pools page by page with filters, and a pool’s current period measured as closing would', async () => {
    const ids = await walk(poolsRoute.GET, '/pools');
    expect(ids).toHaveLength(3);
    expect(await walk(poolsRoute.GET, '/pools?metric=customers')).toHaveLength(2);
    expect(await walk(poolsRoute.GET, '/pools?metric=customers&period=year')).toHaveLength(1);
    expect(await walk(poolsRoute.GET, '/pools?active=false')).toHaveLength(0);
    expect(await walk(poolsRoute.GET, '/pools?active=true')).toHaveLength(3);
    const [revenuePool] = await walk(poolsRoute.GET, '/pools?metric=revenue');
    const res = await callApi(poolRoute.GET, 'GET', { key: reader, path: `/pools/${revenuePool}`, params: { id: revenuePool! } });
    expect(res.status, res.text).toBe(200);
    const quarter = `${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`;
    expect(res.json).toMatchObject({
      object: 'pool', name: 'Top revenue', amount: '500.00', unit: 'USD', period: 'quarter', metric: 'revenue', goal: '1000', goal_unit: 'USD', active: true,
      current_period: { period: quarter, standings: [] },
    });
    expect(res.json.programs.map((p: { id: string }) => p.id).sort()).toEqual([gold, silver].sort());
    expectError(await callApi(poolRoute.GET, 'GET', { key: reader, path: `/pools/${poolOfB}`, params: { id: poolOfB } }), 404, 'not_found');
    expectError(await callApi(poolsRoute.GET, 'GET', { key: reader, path: '/pools?active=yes' }), 400, 'invalid_input', 'active');
  });
});

describe('a pool’s current period', () => {
  it('shows each approved partner’s figure so far against the goal', async () => {
    const code = uniq('pool');
    const hourAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const story: Scenario = {
      title: 'pool progress over the API',
      workspace: { baseCurrency: 'USD' },
      programs: [{ key: 'ref', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'one_time_share', percent: '10' }] }],
      pools: [{ key: 'top', unit: 'USD', amount: '300.00', period: 'quarter', metric: 'revenue', goal: '100', programs: ['ref'] }],
      partners: [
        { key: 'seller', email: `${code}@p.test`, enrollments: [{ program: 'ref' }], links: [{ code }] },
        { key: 'idle', email: `${code}-idle@p.test`, enrollments: [{ program: 'ref' }] },
      ],
      steps: [
        { at: hourAgo(2), click: { link: code, visitor: `v-${code}` } },
        { at: hourAgo(1), order: { id: `o-${code}`, customer: `c-${code}`, visitor: `v-${code}`, currency: 'USD', lines: [{ product: 'kit', amount: '250.00' }] } },
      ],
      expect: { entries: [] },
    } as Scenario;
    const ids = await setUpScenario(db, story);
    for (const [i, step] of story.steps.entries()) await playStep(db, ids, step, i);
    const key = await apiKeyFor(db, ids.workspaceId, 'read');
    const poolId = ids.pools.get('top')!;
    const res = await callApi(poolRoute.GET, 'GET', { key, path: `/pools/${poolId}`, params: { id: poolId } });
    expect(res.status, res.text).toBe(200);
    expect(res.json.current_period.standings).toEqual([
      { partner_id: ids.partners.get('seller'), metric: '250', above_goal: true },
      { partner_id: ids.partners.get('idle'), metric: '0', above_goal: false },
    ]);
    expect(Date.parse(res.json.current_period.starts_at)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(res.json.current_period.ends_at)).toBeGreaterThan(Date.now());
  });
});

describe('the document', () => {
  it('describes these endpoints as valid OpenAPI 3.1', async () => {
    const doc = buildOpenApiDocument(endpoints, [], 'http://app.test');
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual(['/groups', '/groups/{id}', '/pools', '/pools/{id}', '/programs', '/programs/{id}']);
    const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
    await SwaggerParser.validate(structuredClone(doc) as never);
    const schemas = doc.components?.schemas ?? {};
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Program', 'ProgramCreate', 'ProgramUpdate', 'Group', 'Pool', 'PoolDetail']));
    // a misspelt field is refused, and the document says so
    expect(schemas.ProgramCreate).toMatchObject({ additionalProperties: false, required: expect.arrayContaining(['name', 'category', 'unit', 'rules']) });
  });
});

// a stored terms row the API did not write (the seed's) is still readable
it('reads a program created outside the API', async () => {
  const res = await getProgram(a.programId);
  expect(res.status).toBe(200);
  expect(res.json).toMatchObject({ id: a.programId, rules: [{ type: 'one_time_share', percent: '10' }], scope: { include: { products: [] } } });
  expect(await db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.workspaceId, a.scope.workspaceId), isNotNull(auditLog.actorApiKeyId))).then((r) => r.length)).toBeGreaterThan(0);
});
