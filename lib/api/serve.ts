import 'server-only';
import { z, ZodError } from 'zod';
import { AppError } from '../errors';
import { getDb, type Database } from '../../db/client';
import { errorResponse, parseJson, readBodyLimited } from '../http/respond';
import { actAsApiKey } from '../server/request-actor';
import { cleanStrings } from '../validation/clean-strings';
import { authenticateApiKey } from './auth';
import type { ApiCaller, Endpoint } from './endpoint';
import { idempotencyKeyOf, once, requestHash, type StoredAnswer } from './idempotency';
import { ApiRateLimitedError, rateLimitHeaders, takeApiRequest, type ApiRateState } from './rate-limit';

// The one way into the REST API. Every request passes the same checks in the same order before an
// endpoint's handler sees it:
//   key (401) → access (403) → rate (429) → body size (413) → Idempotency-Key (replay / 409) →
//   query, path and body parsed by the endpoint's zod schemas (400 naming the field) → handler
// and every error leaves as `{ error: { code, message, field? } }` with RateLimit-* headers.

const MAX_BODY_BYTES = 1024 * 1024;

type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };

/** One request as the wrapper has checked it so far: parsed once, handed to `answer`. */
interface CheckedRequest {
  endpoint: Endpoint;
  /** names the endpoint in the error log */
  name: string;
  caller: ApiCaller;
  db: Database;
  request: Request;
  url: URL;
  routeContext: RouteContext | undefined;
  rawBody: string;
  now: Date;
}

export function serve(endpoint: Endpoint) {
  const name = `${endpoint.method.toUpperCase()} /api/v1${endpoint.path}`;
  return async (request: Request, routeContext?: RouteContext): Promise<Response> => {
    const now = new Date();
    let rate: ApiRateState | null = null;
    try {
      const db = getDb();
      const caller = await authenticateApiKey(db, request, endpoint.method === 'get' ? endpoint.access : 'write', now);
      rate = await takeApiRequest(caller.keyId, now);
      const rawBody = endpoint.method === 'get' ? '' : await readBodyLimited(request, MAX_BODY_BYTES);
      const checked: CheckedRequest = { endpoint, name, caller, db, request, url: new URL(request.url), routeContext, rawBody, now };
      const key = endpoint.method === 'post' ? idempotencyKeyOf(request.headers) : null;
      if (!key) return withHeaders(await answer(checked), rate, false);
      const result = await once(db, caller.scope.workspaceId, key, requestHash(request.method, checked.url, rawBody), now, () => answer(checked));
      return withHeaders(result, rate, result.replayed);
    } catch (err) {
      if (err instanceof ApiRateLimitedError) rate = err.state;
      return withRateHeaders(errorResponse(err, name), rate);
    }
  };
}

/** Parses, runs the handler as the key (audit rows name it) and renders the answer (or the error). */
async function answer({ endpoint, name, caller, db, request, url, routeContext, rawBody, now }: CheckedRequest): Promise<StoredAnswer> {
  try {
    const query = parseInput(endpoint.query, cleanStrings(Object.fromEntries(url.searchParams)));
    const params = parseInput(endpoint.params, cleanStrings((await routeContext?.params) ?? {}));
    const body = endpoint.body ? parseBody(endpoint.body, cleanStrings(rawBody.trim() === '' ? {} : parseJson(rawBody))) : undefined;
    const result = await actAsApiKey(caller.keyId, () => endpoint.handle({ caller, db, query, params, body, now, request }));
    checkResponse(endpoint, result);
    return { status: endpoint.status ?? 200, body: JSON.stringify(result) };
  } catch (err) {
    const res = errorResponse(err, name);
    return { status: res.status, body: await res.text() };
  }
}

function parseInput(schema: z.ZodType | undefined, value: unknown): never {
  if (!schema) return undefined as never;
  return schema.parse(value) as never;
}

/**
 * A body field the endpoint does not know is refused by name (400): a misspelt `window_day` must
 * not silently leave the default in force. Checked here for every endpoint whose body is a plain
 * object (zod would strip the key without a word); an object that declares its own catch-all
 * decides for itself.
 */
function parseBody(schema: z.ZodType, value: unknown): never {
  if (schema instanceof z.ZodObject && schema._zod.def.catchall === undefined && value && typeof value === 'object' && !Array.isArray(value)) {
    const known = new Set(Object.keys(schema.shape));
    const unknown = Object.keys(value).filter((k) => !known.has(k));
    if (unknown.length > 0) {
      throw new AppError('invalid_input', `${unknown[0]}: is not a field of this object.`, Object.fromEntries(unknown.map((k) => [k, 'is not a field of this object'])));
    }
  }
  return parseInput(schema, value);
}

/**
 * Under test, every answer is checked against the endpoint's documented response schema, so the
 * OpenAPI document is proven by every test that calls the API. In production the check is skipped.
 */
function checkResponse(endpoint: Endpoint, result: unknown) {
  if (process.env.NODE_ENV !== 'test') return;
  const parsed = endpoint.response.safeParse(result);
  if (!parsed.success) {
    throw new Error(`${endpoint.operationId} answered outside its documented schema: ${new ZodError(parsed.error.issues).message}`);
  }
}

function withHeaders(answer: StoredAnswer, rate: ApiRateState | null, replayed: boolean): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...rateLimitHeaders(rate) };
  if (replayed) headers['Idempotent-Replayed'] = 'true';
  if (answer.status === 429) headers['Retry-After'] = String(rate?.resetSeconds ?? 60);
  return new Response(answer.body, { status: answer.status, headers });
}

function withRateHeaders(res: Response, rate: ApiRateState | null): Response {
  for (const [k, v] of Object.entries(rateLimitHeaders(rate))) res.headers.set(k, v);
  return res;
}

