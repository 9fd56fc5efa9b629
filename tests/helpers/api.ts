import { expect } from 'vitest';
import fc from 'fast-check';
import type { Database } from '../../db/client';
import { apiErrorSchema } from '../../lib/api/errors';
import { findMembership } from '../../db/queries/workspaces';
import { createApiKey } from '../../lib/server/api-keys';
import type { MerchantScope } from '../../lib/server/scope';
import type { ApiKeyAccess } from '../../lib/domain/api-keys';

// Calling the REST API from tests the way an integrator does: a real key made by the Settings
// service, and the route module's handler called with a Request carrying it.

type Handler = (request: Request, context?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

/** A key of this workspace, made through the real service (hashed at rest, audited). */
export async function apiKeyFor(db: Database, workspaceId: string, access: ApiKeyAccess = 'read_write', name = 'test key'): Promise<string> {
  const scope: MerchantScope = { workspaceId, workspaceSlug: '', userId: null, role: 'owner', baseCurrency: 'USD', timeZone: 'UTC' };
  const { key } = await createApiKey(db, scope, { name, access });
  return key;
}

/** A member's scope, for tests that compare an API answer with a console service. */
export async function memberScope(db: Database, userId: string, slug: string): Promise<MerchantScope> {
  const m = await findMembership(db, userId, slug);
  if (!m) throw new Error('not a member');
  return { workspaceId: m.workspaceId, workspaceSlug: m.slug, userId, role: m.role, baseCurrency: m.baseCurrency, timeZone: m.timeZone };
}

export interface ApiCall {
  key?: string | null;
  /** path under /api/v1 with its query, e.g. '/programs?limit=2' */
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  /** the raw body, when a test needs exact bytes */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Calls a route handler as `METHOD http://app.test/api/v1<path>` with `Authorization: Bearer <key>`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers of every shape
export async function callApi(handler: Handler, method: 'GET' | 'POST', call: ApiCall): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const headers = new Headers(call.headers ?? {});
  if (call.key) headers.set('authorization', `Bearer ${call.key}`);
  const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  if (body !== undefined) headers.set('content-type', 'application/json');
  const res = await handler(new Request(`http://app.test/api/v1${call.path}`, { method, headers, body }), { params: Promise.resolve(call.params ?? {}) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json, text, headers: res.headers };
}

/**
 * Every object of a list, page by page with `starting_after`, checking each page as an integrator
 * would rely on it: 200, at most `limit` objects, and a null `next_cursor` exactly at the end.
 * `cursorOf` picks the cursor from an object (balances page by `partner_id`).
 */
export async function walkList<T extends Record<string, unknown>>(
  handler: Handler,
  key: string,
  path: string,
  { limit = 2, cursorOf = (o: T) => o.id as string }: { limit?: number; cursorOf?: (o: T) => string } = {},
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 200; pages++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await callApi(handler, 'GET', { key, path: `${path}${sep}limit=${limit}${cursor ? `&starting_after=${cursor}` : ''}` });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${res.text.slice(0, 300)}`);
    const page = res.json as { data: T[]; has_more: boolean; next_cursor: string | null };
    if (page.data.length > limit) throw new Error(`GET ${path}: ${page.data.length} objects on a page of ${limit}`);
    all.push(...page.data);
    if (!page.has_more) {
      if (page.next_cursor !== null) throw new Error(`GET ${path}: the last page has a next_cursor`);
      return all;
    }
    if (page.next_cursor !== cursorOf(page.data[page.data.length - 1]!)) throw new Error(`GET ${path}: next_cursor is not the last object's`);
    cursor = page.next_cursor;
  }
  throw new Error(`GET ${path}: the list did not end`);
}

/**
 * Throws unless `json` is the API's documented error body (lib/api/errors.ts): a known code, a
 * message a person can read, and `field` when one input is named.
 */
export function parseApiError(json: unknown) {
  return apiErrorSchema.parse(json);
}

/**
 * Sends `runs` bodies drawn from `bodies` (and from anything at all) to one write: never a 500;
 * either the success status with the object of that kind, or the documented error body.
 */
export async function fuzzWrite(
  bodies: fc.Arbitrary<unknown>,
  send: (body: unknown) => Promise<{ status: number; json: { object?: unknown } | null }>,
  success: { status: number; object: string },
  runs = 60,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.oneof(bodies, fc.anything()), async (body) => {
      const res = await send(body);
      expect(res.status).not.toBe(500);
      if (res.status === success.status) expect(res.json?.object).toBe(success.object);
      else parseApiError(res.json);
    }),
    { numRuns: runs },
  );
}
