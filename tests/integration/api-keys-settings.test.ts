/**
 * Settings → API keys: the console actions run for real with only the session mocked. A new key is
 * answered once and only its SHA-256 and prefix are stored; only owners and admins manage keys;
 * another workspace's key is not found; a revoked key is refused (401) by the API wrapper at once;
 * creating and revoking are audited, and a change made through the API names its key in the audit
 * page's rows, its filter and the audit CSV.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import Papa from 'papaparse';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { testDatabase } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { financeAndViewer, formOf, type SessionUser } from '../helpers/actions';
import { callApi } from '../helpers/api';
import { apiKeys, auditLog } from '../../db/schema';
import { auditFilterChoices, listAuditLog } from '../../db/queries/audit-list';
import { defineEndpoint } from '../../lib/api/endpoint';
import { serve } from '../../lib/api/serve';
import { apiKeysOf } from '../../lib/server/api-keys';
import { saveEventsPerMinute } from '../../lib/server/api-settings';
import { auditActor, auditSentence } from '../../lib/explain/audit';

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { createApiKeyAction, revokeApiKeyAction } = await import('../../lib/actions/api-keys');
const auditCsv = await import('../../app/(merchant)/m/[workspace]/audit/export.csv/route');

const db = testDatabase();
const signInAs = (user: SessionUser) => (session.current = { user: { id: user.id, email: user.email } });
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let a: Awaited<ReturnType<typeof createMerchant>>;
let b: Awaited<ReturnType<typeof createMerchant>>;
let owner: SessionUser;
let finance: SessionUser;
let viewer: SessionUser;

// Any endpoint serves to prove a key's state: a read that answers the workspace, and a write that
// goes through a real audited service (the events limit) so its audit row is the API's.
const whoAmI = serve(defineEndpoint({
  method: 'get', path: '/whoami', operationId: 'whoAmI', summary: 'test', tag: 'Test', access: 'read',
  response: z.object({ workspace: z.string() }),
  handle: async ({ caller }) => ({ workspace: caller.scope.workspaceId }),
}));
const setLimit = serve(defineEndpoint({
  method: 'post', path: '/limit', operationId: 'setLimit', summary: 'test', tag: 'Test', access: 'write',
  body: z.object({ per_minute: z.number().int().min(10).max(100_000) }),
  response: z.object({ per_minute: z.number() }),
  handle: async ({ caller, db, body }) => {
    await saveEventsPerMinute(db, caller.scope.workspaceId, caller.scope.userId, body.per_minute);
    return { per_minute: body.per_minute };
  },
}));

async function create(user: SessionUser, slug: string, fields: Record<string, string>) {
  signInAs(user);
  return createApiKeyAction(slug, null, formOf(fields));
}

async function revoke(user: SessionUser, slug: string, keyId: string) {
  signInAs(user);
  return revokeApiKeyAction(slug, keyId, null, formOf({}));
}

async function newKey(name: string, access: 'read' | 'read_write' = 'read') {
  const res = await create(owner, a.workspaceSlug, { name, access });
  if (!res.ok || !res.data) throw new Error(`key not created: ${JSON.stringify(res)}`);
  return res.data as { id: string; key: string; prefix: string };
}

beforeAll(async () => {
  a = await createMerchant(db);
  b = await createMerchant(db);
  owner = { id: a.userId, email: a.email };
  ({ finance, viewer } = await financeAndViewer(db, a.scope.workspaceId));
});

describe('creating a key', () => {
  it('answers the key once and stores only its SHA-256 and a 12-character prefix', async () => {
    const made = await newKey('CRM sync', 'read_write');
    expect(made.key).toMatch(/^pl_live_[A-Za-z0-9_-]{43}$/);
    expect(made.prefix).toBe(made.key.slice(0, 12));
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, made.id));
    expect(row).toMatchObject({ workspaceId: a.scope.workspaceId, name: 'CRM sync', prefix: made.prefix, access: 'read_write', keyHash: sha256(made.key), revokedAt: null, lastUsedAt: null, createdByUserId: a.userId });
    // the key itself is nowhere in the row
    expect(JSON.stringify(row)).not.toContain(made.key);
    // the list the page reads has no key and no hash
    const listed = (await apiKeysOf(db, a.scope.workspaceId)).find((k) => k.id === made.id)!;
    expect(Object.keys(listed).sort()).toEqual(['access', 'createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt']);
  });

  it('names the field when the input is wrong', async () => {
    const noName = await create(owner, a.workspaceSlug, { name: '   ', access: 'read' });
    expect(noName).toMatchObject({ ok: false, fields: { name: expect.stringMatching(/name/) } });
    const badAccess = await create(owner, a.workspaceSlug, { name: 'x', access: 'admin' });
    expect(badAccess).toMatchObject({ ok: false, fields: { access: 'must be read or read_write' } });
  });

  it('refuses finance and viewers, and members of other workspaces', async () => {
    const before = (await apiKeysOf(db, a.scope.workspaceId)).length;
    for (const user of [finance, viewer]) {
      const res = await create(user, a.workspaceSlug, { name: 'sneaky', access: 'read_write' });
      expect(res.ok).toBe(false);
    }
    const stranger = await create({ id: b.userId, email: b.email }, a.workspaceSlug, { name: 'sneaky', access: 'read' });
    expect(stranger).toMatchObject({ ok: false });
    expect(await apiKeysOf(db, a.scope.workspaceId)).toHaveLength(before);
  });
});

describe('revoking a key', () => {
  it('makes its next request a 401 through the API wrapper, and records when it was last used', async () => {
    const made = await newKey('Revoke me');
    const ok = await callApi(whoAmI, 'GET', { key: made.key, path: '/whoami' });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ workspace: a.scope.workspaceId });
    expect((await apiKeysOf(db, a.scope.workspaceId)).find((k) => k.id === made.id)!.lastUsedAt).not.toBeNull();

    expect(await revoke(owner, a.workspaceSlug, made.id)).toMatchObject({ ok: true });
    const refused = await callApi(whoAmI, 'GET', { key: made.key, path: '/whoami' });
    expect(refused.status).toBe(401);
    expect(refused.json).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await apiKeysOf(db, a.scope.workspaceId)).find((k) => k.id === made.id)!.revokedAt).not.toBeNull();
    // a second revoke finds no live key
    expect(await revoke(owner, a.workspaceSlug, made.id)).toMatchObject({ ok: false });
  });

  it('does not find another workspace’s key, and leaves it working', async () => {
    signInAs({ id: b.userId, email: b.email });
    const theirs = await createApiKeyAction(b.workspaceSlug, null, formOf({ name: 'B key', access: 'read' }));
    if (!theirs.ok || !theirs.data) throw new Error('B key not created');
    const { id, key } = theirs.data as { id: string; key: string };
    const res = await revoke(owner, a.workspaceSlug, id);
    expect(res).toMatchObject({ ok: false, message: expect.stringMatching(/no such/i) });
    expect((await callApi(whoAmI, 'GET', { key, path: '/whoami' })).status).toBe(200);
  });

  it('refuses finance and viewers', async () => {
    const made = await newKey('Keep me');
    for (const user of [finance, viewer]) expect(await revoke(user, a.workspaceSlug, made.id)).toMatchObject({ ok: false });
    expect((await apiKeysOf(db, a.scope.workspaceId)).find((k) => k.id === made.id)!.revokedAt).toBeNull();
  });

  it('refuses an id that is not a uuid, naming the field', async () => {
    expect(await revoke(owner, a.workspaceSlug, 'not-a-key')).toMatchObject({ ok: false, fields: { keyId: expect.any(String) } });
  });
});

describe('the audit log', () => {
  it('records creating and revoking with the member, in sentences naming the key', async () => {
    const made = await newKey('Books export', 'read');
    await revoke(owner, a.workspaceSlug, made.id);
    const { rows } = await listAuditLog(db, a.scope.workspaceId, { page: 1, pageSize: 50, subjectType: 'api_key', subjectId: made.id });
    expect(rows.map((r) => r.action)).toEqual(['api_key.revoked', 'api_key.created']);
    for (const r of rows) expect(r.actorUserId).toBe(a.userId);
    const sentences = rows.map((r) => auditSentence({ ...r }, { actor: 'Owner', names: {} }));
    expect(sentences).toEqual([
      `Owner revoked API key “Books export” (${made.prefix}…): requests with it are refused`,
      `Owner created API key “Books export” (${made.prefix}…) with read-only access`,
    ]);
    // the key's value never reaches the log
    expect(JSON.stringify(rows)).not.toContain(made.key);
  });

  it('names the key that acted for a change made through the API: page rows, the Who filter and the CSV', async () => {
    const made = await newKey('Nightly sync', 'read_write');
    const res = await callApi(setLimit, 'POST', { key: made.key, path: '/limit', body: { per_minute: 4321 } });
    expect(res.status, res.text).toBe(200);

    const [written] = await db
      .select({ actorUserId: auditLog.actorUserId, actorApiKeyId: auditLog.actorApiKeyId })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, a.scope.workspaceId), eq(auditLog.action, 'settings.events_per_minute_changed'), sql`${auditLog.after}->>'eventsPerMinute' = '4321'`));
    expect(written).toEqual({ actorUserId: null, actorApiKeyId: made.id });

    // the page: filtered by the key, its rows say who in words
    const { rows } = await listAuditLog(db, a.scope.workspaceId, { page: 1, pageSize: 50, actorApiKeyId: made.id });
    expect(rows.map((r) => r.action)).toEqual(['settings.events_per_minute_changed']);
    const row = rows[0]!;
    expect(row).toMatchObject({ actorApiKeyId: made.id, actorKeyName: 'Nightly sync', actorKeyPrefix: made.prefix });
    const label = `API key “Nightly sync” (${made.prefix}…)`;
    expect(auditActor(row)).toEqual({ name: label, email: null });
    expect(auditSentence(row, { actor: auditActor(row)!.name, names: {} })).toMatch(new RegExp(`^API key “Nightly sync” \\(${made.prefix}…\\) changed the events limit: .* → 4,321 a minute$`));
    // the member rows are not the key's
    expect((await listAuditLog(db, a.scope.workspaceId, { page: 1, pageSize: 50, actorUserId: a.userId })).rows.every((r) => r.actorApiKeyId === null)).toBe(true);

    // the Who filter offers the key
    const choices = await auditFilterChoices(db, a.scope.workspaceId);
    expect(choices.apiKeys).toContainEqual({ id: made.id, name: 'Nightly sync', prefix: made.prefix });

    // the CSV, under the same filter as the page's URL carries it
    signInAs(finance);
    const csv = await auditCsv.GET(new Request(`http://app.test/m/${a.workspaceSlug}/audit/export.csv?actor=key:${made.id}`), { params: Promise.resolve({ workspace: a.workspaceSlug }) } as never);
    expect(csv.status).toBe(200);
    const parsed = Papa.parse<string[]>((await csv.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true });
    const [head, ...data] = parsed.data;
    expect(head).toEqual(['time_utc', 'actor_email', 'actor_api_key', 'action', 'subject_type', 'subject_id', 'before', 'after', 'data']);
    const records = data.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]])));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actor_email: '', actor_api_key: label, action: 'settings.events_per_minute_changed' });

    // a member's rows keep their email and an empty key cell
    const all = await auditCsv.GET(new Request(`http://app.test/m/${a.workspaceSlug}/audit/export.csv?subject=api_key`), { params: Promise.resolve({ workspace: a.workspaceSlug }) } as never);
    const allRows = Papa.parse<string[]>((await all.text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.slice(1);
    expect(allRows.length).toBeGreaterThan(0);
    for (const r of allRows) expect([r[1], r[2]]).toEqual([a.email, '']);
  });
});
