import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import fc from 'fast-check';
import { testDatabase } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { apiKeyFor, callApi } from '../helpers/api';
import { apiErrorSchema } from '../../lib/api/errors';

// The served document is valid OpenAPI 3.1, every route file under app/api/v1 is in it, and every
// operation in it answers: a list with 200 in its documented shape, an object or action on an
// unknown id with a 404 in the error shape, a write with a bad body with a 400 naming the field.

vi.mock('next/headers', () => ({ headers: async () => new Headers({ host: 'app.test' }), cookies: async () => ({ get: () => undefined }) }));

const db = testDatabase();
const ROOT = join(process.cwd(), 'app', 'api', 'v1');
const { GET: getDocument } = await import('../../app/api/v1/openapi.json/route');

type Operation = { operationId: string; security?: unknown[]; requestBody?: unknown };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };
let doc: Document;
let key: string;

/** Every route.ts under app/api/v1 as its OpenAPI path: `programs/[id]/route.ts` → `/programs/{id}`. */
function routeFiles(dir = ROOT): { file: string; path: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    if (name !== 'route.ts') return [];
    const rel = relative(ROOT, dir).split(sep).filter(Boolean);
    return [{ file: full, path: '/' + rel.map((s) => s.replace(/^\[(.+)\]$/, '{$1}')).join('/') }];
  });
}


beforeAll(async () => {
  // hundreds of calls with one key in a minute: this file tests answers, api-core.test.ts the limit
  process.env.API_RATE_LIMIT_PER_MINUTE = '1000000';
  const res = await getDocument();
  expect(res.status).toBe(200);
  doc = (await res.json()) as Document;
  const { scope } = await createMerchant(db);
  key = await apiKeyFor(db, scope.workspaceId, 'read_write');
});

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 (swagger-parser)', async () => {
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('describes every route under app/api/v1, method by method', async () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(3);
    for (const { file, path } of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
        if (typeof mod[method] !== 'function') continue;
        expect(doc.paths[path]?.[method.toLowerCase()], `${method} ${path} (${relative(process.cwd(), file)}) is not in the document`).toBeDefined();
      }
    }
  });

  it('has a route file for every path it documents, and every operation answers', async () => {
    const files = new Map(routeFiles().map((r) => [r.path, r.file]));
    for (const [path, ops] of Object.entries(doc.paths)) {
      const file = files.get(path);
      expect(file, `${path} is documented but has no route file`).toBeDefined();
      const mod = (await import(file!)) as Record<string, (req: Request, ctx?: unknown) => Promise<Response>>;
      for (const [method, op] of Object.entries(ops)) {
        const handler = mod[method.toUpperCase()];
        expect(handler, `${method.toUpperCase()} ${path} is documented but not exported`).toBeTypeOf('function');
        if (op.security && op.security.length === 0) continue; // signed provider webhooks and the document: covered by their own tests
        const params: Record<string, string> = {};
        const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] = '00000000-0000-4000-8000-000000000000'));
        const res = await callApi(handler!, method.toUpperCase() as 'GET' | 'POST', { key, path: concrete, params, ...(method === 'post' ? { body: { unexpected: true } } : {}) });
        expect(res.status, `${method.toUpperCase()} ${path} answered ${res.status}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(apiErrorSchema.safeParse(res.json).success, `${method.toUpperCase()} ${path}: ${res.text.slice(0, 200)}`).toBe(true);
          expect([400, 404, 409, 422]).toContain(res.status);
        } else {
          expect(method, `${method.toUpperCase()} ${path} accepted a bad body`).toBe('get');
        }
        if (method === 'get' && !path.includes('{')) expect(res.status, `${path} list`).toBe(200);
      }
    }
  });

  it('never answers 500 to any body on any write, nor to any query on any list (fast-check)', async () => {
    const files = new Map(routeFiles().map((r) => [r.path, r.file]));
    for (const [path, ops] of Object.entries(doc.paths)) {
      const mod = (await import(files.get(path)!)) as Record<string, (req: Request, ctx?: unknown) => Promise<Response>>;
      for (const [method, op] of Object.entries(ops)) {
        if (op.security && op.security.length === 0) continue;
        if (path.includes('{') && method === 'get') continue;
        const handler = mod[method.toUpperCase()]!;
        const params: Record<string, string> = {};
        const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] = '00000000-0000-4000-8000-000000000000'));
        const input =
          method === 'post'
            ? fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('partner_id', 'program_id', 'amount', 'email', 'name', 'code', 'rules', 'status', 'id', 'type', 'data'), fc.jsonValue()))
            : fc.dictionary(fc.constantFrom('limit', 'starting_after', 'status', 'partner_id', 'program_id', 'from', 'to', 'unit', 'kind', 'type'), fc.string({ maxLength: 40 }));
        await fc.assert(
          fc.asyncProperty(input, async (value) => {
            const call =
              method === 'post'
                ? { key, path: concrete, params, body: value }
                : { key, path: `${concrete}?${new URLSearchParams(value as Record<string, string>).toString()}`, params };
            const res = await callApi(handler, method.toUpperCase() as 'GET' | 'POST', call);
            if (res.status >= 500) throw new Error(`${method.toUpperCase()} ${path} answered ${res.status} to ${JSON.stringify(value).slice(0, 200)}: ${res.text.slice(0, 300)}`);
            if (res.status >= 400 && !apiErrorSchema.safeParse(res.json).success) throw new Error(`${method.toUpperCase()} ${path}: not the error shape: ${res.text.slice(0, 200)}`);
          }),
          { numRuns: 15 },
        );
      }
    }
  }, 120_000);
});
