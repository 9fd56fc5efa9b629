import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { apiKeyFor, callApi, parseApiError } from '../helpers/api';
import { apiIdempotency, apiKeys, auditLog } from '../../db/schema';
import { recordAudit } from '../../db/queries/audit';
import { defineEndpoint } from '../../lib/api/endpoint';
import { serve } from '../../lib/api/serve';
import { revokeApiKey } from '../../lib/server/api-keys';
import { AppError } from '../../lib/errors';

// The wrapper every REST endpoint goes through, driven with an endpoint defined here: keys (absent,
// malformed, unknown, revoked, read-only), the error shape, Idempotency-Key (replay, reuse,
// concurrency, expiry, failures), rate limits and the audit identity of a key.

const db = testDatabase();
let workspaceId: string;
let otherWorkspaceId: string;
let writer: string;
let reader: string;
let runs = 0;

// A write: one audit row per run, so "written once" is countable in Postgres.
const note = defineEndpoint({
  method: 'post',
  path: '/notes',
  operationId: 'createNote',
  summary: 'test',
  tag: 'Test',
  access: 'write',
  body: z.object({ text: z.string().min(1).max(50), fail: z.enum(['none', 'crash', 'conflict']).default('none'), slow: z.boolean().default(false) }),
  response: z.object({ object: z.literal('note'), text: z.string(), run: z.number() }),
  status: 201,
  handle: async ({ caller, db, body }) => {
    if (body.fail === 'crash') throw new Error('boom');
    if (body.fail === 'conflict') throw new AppError('conflict', 'Already there.', { text: 'exists' });
    if (body.slow) await new Promise((r) => setTimeout(r, 300));
    const run = ++runs;
    await recordAudit(db, { workspaceId: caller.scope.workspaceId, actorUserId: caller.scope.userId, action: 'note.created', subjectType: 'settings', subjectId: body.text });
    return { object: 'note' as const, text: body.text, run };
  },
});
const list = defineEndpoint({
  method: 'get',
  path: '/notes',
  operationId: 'listNotes',
  summary: 'test',
  tag: 'Test',
  access: 'read',
  query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
  response: z.object({ workspace: z.string(), limit: z.number() }),
  handle: async ({ caller, query }) => ({ workspace: caller.scope.workspaceId, limit: query.limit }),
});
const POST = serve(note);
const GET = serve(list);

const notes = (text: string) =>
  db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, 'note.created'), eq(auditLog.subjectId, text)));

beforeAll(async () => {
  workspaceId = (await createMerchant(db)).scope.workspaceId;
  otherWorkspaceId = (await createMerchant(db)).scope.workspaceId;
  writer = await apiKeyFor(db, workspaceId, 'read_write');
  reader = await apiKeyFor(db, workspaceId, 'read');
});

afterEach(() => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
});

function expectErrorShape(json: unknown, code: string, field?: string) {
  const parsed = parseApiError(json);
  expect(parsed.error.code).toBe(code);
  if (field) expect(parsed.error.field).toBe(field);
}

describe('API keys', () => {
  it('answers a read with a key and acts in the key’s workspace', async () => {
    const res = await callApi(GET, 'GET', { key: reader, path: '/notes?limit=3' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ workspace: workspaceId, limit: 3 });
  });

  it('refuses a request without a key, with a malformed header, or with an unknown key (401)', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Basic abc' }, { authorization: 'Bearer ' }, { authorization: 'Bearer pl_live_nope' }]) {
      const res = await callApi(GET, 'GET', { path: '/notes', headers });
      expect(res.status).toBe(401);
      expectErrorShape(res.json, 'unauthorized', 'Authorization');
    }
  });

  it('refuses a POST with a read-only key (403) and writes nothing', async () => {
    const text = uniq('ro');
    const res = await callApi(POST, 'POST', { key: reader, path: '/notes', body: { text } });
    expect(res.status).toBe(403);
    expectErrorShape(res.json, 'forbidden', 'Authorization');
    expect(res.json.error.message).toMatch(/read-only/);
    expect((await notes(text))[0]!.n).toBe(0);
  });

  it('refuses a revoked key at once (401, saying it was revoked)', async () => {
    const key = await apiKeyFor(db, workspaceId, 'read_write');
    expect((await callApi(GET, 'GET', { key, path: '/notes' })).status).toBe(200);
    const [row] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.keyHash, createHash('sha256').update(key).digest('hex')));
    await revokeApiKey(db, { workspaceId, workspaceSlug: '', userId: null, role: 'owner', baseCurrency: 'USD', timeZone: 'UTC' }, row!.id);
    const res = await callApi(GET, 'GET', { key, path: '/notes' });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toMatch(/revoked/);
  });

  it('stores only the SHA-256 and a recognisable prefix, never the key', async () => {
    const key = await apiKeyFor(db, workspaceId, 'read');
    expect(key).toMatch(/^pl_live_[A-Za-z0-9_-]{43}$/);
    const hash = createHash('sha256').update(key).digest('hex');
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, hash));
    expect(row!.prefix).toBe(key.slice(0, 12));
    expect(JSON.stringify(row)).not.toContain(key.slice(12));
    // nowhere in the table either (a dump of every column as text)
    const dump = await db.execute(sql`select string_agg(t::text, ' ') as all from api_keys t`);
    expect(String((dump.rows[0] as { all: string }).all)).not.toContain(key);
  });

  it('records when a key was last used', async () => {
    const key = await apiKeyFor(db, workspaceId, 'read');
    const hash = createHash('sha256').update(key).digest('hex');
    expect((await db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.keyHash, hash)))[0]!.at).toBeNull();
    await callApi(GET, 'GET', { key, path: '/notes' });
    expect((await db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.keyHash, hash)))[0]!.at).toBeInstanceOf(Date);
  });

  it('names the key in the audit rows an API request writes', async () => {
    const text = uniq('aud');
    await callApi(POST, 'POST', { key: writer, path: '/notes', body: { text } });
    const [row] = await db.select({ actorUserId: auditLog.actorUserId, key: apiKeys.keyHash }).from(auditLog).innerJoin(apiKeys, eq(apiKeys.id, auditLog.actorApiKeyId)).where(eq(auditLog.subjectId, text));
    expect(row).toEqual({ actorUserId: null, key: createHash('sha256').update(writer).digest('hex') });
  });
});

describe('the error shape', () => {
  it('names the wrong field of a query and of a body (400)', async () => {
    const q = await callApi(GET, 'GET', { key: reader, path: '/notes?limit=1000' });
    expect(q.status).toBe(400);
    expectErrorShape(q.json, 'invalid_input', 'limit');
    const b = await callApi(POST, 'POST', { key: writer, path: '/notes', body: { text: '' } });
    expect(b.status).toBe(400);
    expectErrorShape(b.json, 'invalid_input', 'text');
  });

  it('answers a body that is not JSON with 400 and one over 1 MB with 413', async () => {
    const bad = await callApi(POST, 'POST', { key: writer, path: '/notes', rawBody: '{"text":' });
    expect(bad.status).toBe(400);
    expectErrorShape(bad.json, 'invalid_input');
    const big = await callApi(POST, 'POST', { key: writer, path: '/notes', rawBody: JSON.stringify({ text: 'x'.repeat(1024 * 1024) }) });
    expect(big.status).toBe(413);
    expectErrorShape(big.json, 'payload_too_large');
  });

  it('turns an unexpected failure into a 500 with an id, in the same shape', async () => {
    const res = await callApi(POST, 'POST', { key: writer, path: '/notes', body: { text: 'x', fail: 'crash' } });
    expect(res.status).toBe(500);
    expectErrorShape(res.json, 'internal');
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer byte for byte and writes once', async () => {
    const text = uniq('idem');
    const headers = { 'idempotency-key': uniq('k') };
    const first = await callApi(POST, 'POST', { key: writer, path: '/notes', body: { text }, headers });
    const again = await callApi(POST, 'POST', { key: writer, path: '/notes', body: { text }, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect((await notes(text))[0]!.n).toBe(1);
  });

  it('refuses the same key with another body (409) and runs nothing', async () => {
    const headers = { 'idempotency-key': uniq('k') };
    await callApi(POST, 'POST', { key: writer, path: '/notes', body: { text: uniq('a') }, headers });
    const other = uniq('b');
    const res = await callApi(POST, 'POST', { key: writer, path: '/notes', body: { text: other }, headers });
    expect(res.status).toBe(409);
    expectErrorShape(res.json, 'conflict', 'Idempotency-Key');
    expect((await notes(other))[0]!.n).toBe(0);
  });

  it('writes once when ten identical requests race, and all get the same bytes', async () => {
    const text = uniq('race');
    const headers = { 'idempotency-key': uniq('k') };
    const results = await Promise.all(Array.from({ length: 10 }, () => callApi(POST, 'POST', { key: writer, path: '/notes', body: { text, slow: true }, headers })));
    expect(new Set(results.map((r) => r.text)).size).toBe(1);
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    expect((await notes(text))[0]!.n).toBe(1);
  });

  it('keeps keys per workspace: another workspace may use the same key', async () => {
    const shared = uniq('k');
    const otherKey = await apiKeyFor(db, otherWorkspaceId, 'read_write');
    const a = await callApi(POST, 'POST', { key: writer, path: '/notes', body: { text: 'same' }, headers: { 'idempotency-key': shared } });
    const b = await callApi(POST, 'POST', { key: otherKey, path: '/notes', body: { text: 'same' }, headers: { 'idempotency-key': shared } });
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(b.text).not.toBe(a.text);
  });

  it('forgets a key after 24 hours', async () => {
    const text = uniq('exp');
    const k = uniq('k');
    await callApi(POST, 'POST', { key: writer, path: '/notes', body: { text }, headers: { 'idempotency-key': k } });
    await db.update(apiIdempotency).set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(apiIdempotency.idempotencyKey, k));
    const res = await callApi(POST, 'POST', { key: writer, path: '/notes', body: { text }, headers: { 'idempotency-key': k } });
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect((await notes(text))[0]!.n).toBe(2);
  });

  it('stores a client error (replayed) but not a server failure (the retry runs again)', async () => {
    const k1 = uniq('k');
    const c1 = await callApi(POST, 'POST', { key: writer, path: '/notes', body: { text: 'x', fail: 'conflict' }, headers: { 'idempotency-key': k1 } });
    const c2 = await callApi(POST, 'POST', { key: writer, path: '/notes', body: { text: 'x', fail: 'conflict' }, headers: { 'idempotency-key': k1 } });
    expect(c1.status).toBe(409);
    expect(c2.text).toBe(c1.text);
    expect(c2.headers.get('idempotent-replayed')).toBe('true');
    const k2 = uniq('k');
    await callApi(POST, 'POST', { key: writer, path: '/notes', body: { text: 'x', fail: 'crash' }, headers: { 'idempotency-key': k2 } });
    expect(await db.select().from(apiIdempotency).where(eq(apiIdempotency.idempotencyKey, k2))).toHaveLength(0);
  });

  it('refuses a malformed key (400 naming the header)', async () => {
    const res = await callApi(POST, 'POST', { key: writer, path: '/notes', body: { text: 'x' }, headers: { 'idempotency-key': 'has spaces in it' } });
    expect(res.status).toBe(400);
    expectErrorShape(res.json, 'invalid_input', 'Idempotency-Key');
  });
});

describe('rate limits', () => {
  it('counts per key, answers 429 with Retry-After and RateLimit-* headers, and leaves other keys alone', async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = '3';
    const key = await apiKeyFor(db, workspaceId, 'read');
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await callApi(GET, 'GET', { key, path: '/notes' }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0]!.headers.get('ratelimit-limit')).toBe('3');
    expect(answers[0]!.headers.get('ratelimit-remaining')).toBe('2');
    expect(answers[2]!.headers.get('ratelimit-remaining')).toBe('0');
    const refused = answers[3]!;
    expectErrorShape(refused.json, 'rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    const other = await apiKeyFor(db, workspaceId, 'read');
    expect((await callApi(GET, 'GET', { key: other, path: '/notes' })).status).toBe(200);
  });
});
