import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildOpenApiDocument } from '../../lib/api/openapi';
import { defineEndpoint } from '../../lib/api/endpoint';
import { listOf, pageQuery } from '../../lib/api/pagination';
import { API_ENDPOINTS, EXTERNAL_ENDPOINTS } from '../../lib/api/v1';
import type { OpenApiDocument } from '../../components/api-reference/openapi-types';
import { referenceOf, type ReferenceOperation } from '../../components/api-reference/reference';

// The reference page's model, read from documents built by the same builder the served document
// uses: every operation is on the page, fields are walked through $refs, unions and nulls, and
// the curl and Node examples are runnable and carry the key and, on POSTs, an Idempotency-Key.

const noop = async () => ({}) as never;
const rule = z.discriminatedUnion('type', [
  z.object({ type: z.literal('percent'), percent: z.string().meta({ description: 'Share of the order.' }) }),
  z.object({ type: z.literal('flat'), amount: z.string(), note: z.string().nullable() }),
]);
const node: z.ZodType = z.lazy(() => z.object({ name: z.string(), children: z.array(node) })).meta({ id: 'TreeNode' });
const thing = z
  .object({
    id: z.uuid(),
    object: z.literal('thing'),
    amount: z.string().meta({ description: 'Decimal string.', example: '12.50' }),
    closed_at: z.iso.datetime().nullable(),
    rules: z.array(rule),
    tree: node.optional(),
  })
  .meta({ id: 'Thing' });
const example = { name: "O'Brien's", rules: [{ type: 'flat', amount: '5.00', note: null }] };

const testEndpoints = [
  defineEndpoint({
    method: 'get', path: '/things', operationId: 'listThings', summary: 'List things', tag: 'Things', access: 'read',
    query: z.object({ ...pageQuery, status: z.enum(['open', 'closed']).optional() }),
    response: listOf(thing, 'ThingList'), handle: noop,
  }),
  defineEndpoint({
    method: 'post', path: '/things/{id}', operationId: 'updateThing', summary: 'Update a thing', description: 'Changes `name`.', tag: 'Things', access: 'write',
    params: z.object({ id: z.uuid() }),
    body: z.object({ name: z.string().min(1).max(80), rules: z.array(rule).min(1) }).meta({ id: 'ThingUpdate' }),
    example, response: thing, handle: noop,
  }),
];

const docOf = (endpoints: Parameters<typeof buildOpenApiDocument>[0]) =>
  JSON.parse(JSON.stringify(buildOpenApiDocument(endpoints, EXTERNAL_ENDPOINTS, 'https://app.example'))) as OpenApiDocument;
const opsOf = (doc: OpenApiDocument) => referenceOf(doc).tags.flatMap((t) => t.operations);
const find = (ops: ReferenceOperation[], anchor: string) => ops.find((o) => o.anchor === anchor)!;

/** Runs the Node example with a fake fetch, returning what it would have sent. */
async function runNode(code: string) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return { ok: true, status: 200, json: async () => ({ object: 'list' }) };
  };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
  await new AsyncFunction('fetch', 'process', 'crypto', 'console', code)(fetch, { env: { PARTNERLEDGER_API_KEY: 'pl_live_test' } }, { randomUUID: () => 'uuid-1' }, { log: () => undefined });
  return calls;
}

/** The body of a curl example, as the shell would pass it. */
const curlBody = (curl: string) => {
  const m = /-d '((?:[^']|'\\'')*)'$/.exec(curl);
  return m ? JSON.parse(m[1]!.replaceAll(`'\\''`, "'")) : undefined;
};

describe('the reference of the served document', () => {
  it('shows every operation of the document, under its tag, in the document’s order', () => {
    const doc = docOf([...API_ENDPOINTS, ...testEndpoints]);
    const inDoc = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    const ops = opsOf(doc);
    expect(ops.map((o) => `${o.method} ${o.path}`).sort()).toEqual(inDoc.sort());
    expect(new Set(ops.map((o) => o.anchor)).size).toBe(ops.length);
    const tags = referenceOf(doc).tags.map((t) => t.name);
    expect(tags).toContain('Things');
    expect(tags).toContain('Provider webhooks');
  });

  it('walks body fields through $ref, unions (by their discriminator) and nullable values', () => {
    const op = find(opsOf(docOf(testEndpoints)), 'updatething');
    expect(op.access).toBe('read_write');
    expect(op.body?.schemaName).toBe('ThingUpdate');
    const rows = op.body!.fields;
    expect(rows.find((r) => r.path === 'name')).toMatchObject({ type: 'string', required: true, notes: ['length 1 to 80'] });
    expect(rows.find((r) => r.path === 'rules')).toMatchObject({ type: 'array of objects (2 shapes)', notes: ['type: percent, flat', 'items at least 1'] });
    expect(rows.find((r) => r.path === 'rules[].percent')).toMatchObject({ variant: 'when type is percent', description: 'Share of the order.', required: true });
    expect(rows.find((r) => r.path === 'rules[].note')).toMatchObject({ variant: 'when type is flat', nullable: true, type: 'string' });
    // the discriminator is said by the variant, not listed again
    expect(rows.some((r) => r.path === 'rules[].type')).toBe(false);
    expect(op.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path', required: true, type: 'string (uuid)' }));
    expect(op.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    expect(op.errors.map((e) => e.status)).toEqual(['400', '401', '403', '404', '409', '413', '422', '429']);
  });

  it('lists response fields of a list envelope, its items’ refs and a recursive schema once', () => {
    const op = find(opsOf(docOf(testEndpoints)), 'listthings');
    expect(op.access).toBe('read');
    expect(op.response).toMatchObject({ status: '200', schemaName: 'ThingList' });
    const paths = op.response!.fields.map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining(['object', 'data', 'data[].id', 'data[].amount', 'data[].closed_at', 'data[].tree', 'data[].tree.children', 'has_more', 'next_cursor']));
    expect(op.response!.fields.find((r) => r.path === 'data[].closed_at')).toMatchObject({ type: 'string (ISO 8601 time)', nullable: true });
    expect(op.response!.fields.find((r) => r.path === 'data[].amount')!.notes).toContain('example: 12.50');
    expect(paths.filter((p) => p.includes('children')).length).toBeLessThan(5);
    expect(op.parameters.map((p) => p.name)).toEqual(['limit', 'starting_after', 'status']);
    expect(op.errors.map((e) => e.status)).not.toContain('403');
  });
});

describe('examples', () => {
  it('a POST: the key, Content-Type, an Idempotency-Key and the operation’s own body example, in curl and in Node', async () => {
    const op = find(opsOf(docOf(testEndpoints)), 'updatething');
    expect(op.curl).toContain(`curl -X POST 'https://app.example/api/v1/things/<id>'`);
    expect(op.curl).toContain('-H "Authorization: Bearer $PARTNERLEDGER_API_KEY"');
    expect(op.curl).toContain('-H "Idempotency-Key: $(uuidgen)"');
    expect(curlBody(op.curl)).toEqual(example);
    const [call] = await runNode(op.node);
    expect(call!.url).toBe('https://app.example/api/v1/things/<id>');
    expect(call!.init).toMatchObject({ method: 'POST', headers: { Authorization: 'Bearer pl_live_test', 'Content-Type': 'application/json', 'Idempotency-Key': 'uuid-1' } });
    expect(JSON.parse(String(call!.init!.body))).toEqual(example);
  });

  it('a GET: the key only, no body and no Idempotency-Key; optional filters are left out', async () => {
    const op = find(opsOf(docOf(testEndpoints)), 'listthings');
    expect(op.curl).toBe(`curl 'https://app.example/api/v1/things' \\\n  -H "Authorization: Bearer $PARTNERLEDGER_API_KEY"`);
    const [call] = await runNode(op.node);
    expect(call).toEqual({ url: 'https://app.example/api/v1/things', init: { headers: { Authorization: 'Bearer pl_live_test' } } });
  });

  it('every operation of the served document has a Node example that runs, and a POST with a key always sends an Idempotency-Key', async () => {
    for (const op of opsOf(docOf(API_ENDPOINTS))) {
      const [call] = await runNode(op.node);
      expect(call!.url.startsWith('https://app.example/api/v1/'), op.anchor).toBe(true);
      const headers = (call!.init?.headers ?? {}) as Record<string, string>;
      if (op.access !== 'none') expect(headers.Authorization, op.anchor).toBe('Bearer pl_live_test');
      if (op.method === 'POST' && op.access !== 'none') expect(headers['Idempotency-Key'], op.anchor).toBe('uuid-1');
      if (op.method === 'POST' && call!.init?.body !== undefined) expect(() => JSON.parse(String(call!.init!.body))).not.toThrow();
    }
  });

  it('a provider webhook: its own signature headers instead of a key', () => {
    const op = find(opsOf(docOf([])), 'receiveshopifywebhook');
    expect(op.access).toBe('none');
    expect(op.curl).not.toContain('Authorization');
    expect(op.curl).not.toContain('Idempotency-Key');
    expect(op.curl).toContain(`-H 'X-Shopify-Hmac-Sha256: <X-Shopify-Hmac-Sha256>'`);
  });
});
