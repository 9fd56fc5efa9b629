import 'server-only';
import { ZodError } from 'zod';
import { AppError, fieldErrors } from '../errors';

/** A 429 that knows when the sender may try again (the window's remaining seconds). */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message);
  }
}

/** Any 429 without its own figure says "a minute": the longest window any of our limits uses. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** JSON error body shared by every API route: `{ error: { code, message, field?, fields? } }` (lib/api/errors.ts). */
export function errorResponse(err: unknown, context: string): Response {
  if (err instanceof AppError) {
    // every 429 carries Retry-After (RFC 9110 §10.2.3), so a well-behaved sender backs off just enough
    const headers: Record<string, string> =
      err.status === 429 ? { 'Retry-After': String(err instanceof RateLimitedError ? Math.max(1, Math.ceil(err.retryAfterSeconds)) : DEFAULT_RETRY_AFTER_SECONDS) } : {};
    return Response.json({ error: { code: err.code, message: err.message, ...fieldsOf(err.fields) } }, { status: err.status, headers });
  }
  if (err instanceof ZodError) {
    const fields = fieldErrors(err.issues);
    const first = Object.entries(fields)[0];
    return Response.json(
      { error: { code: 'invalid_input', message: first ? `${first[0]}: ${first[1]}` : 'Invalid input.', ...fieldsOf(fields) } },
      { status: 400 },
    );
  }
  // never a 500 for a client's mistake: only genuinely unexpected errors get here
  const errorId = Math.random().toString(36).slice(2, 10);
  console.error(`[api] ${context} failed (${errorId})`, err);
  return Response.json({ error: { code: 'internal', message: `Internal error ${errorId}; it has been logged.` } }, { status: 500 });
}

/** `field`: the first wrong input (the API's documented shape); `fields`: all of them. */
function fieldsOf(fields: Record<string, string> | undefined): { field?: string; fields?: Record<string, string> } {
  if (!fields) return {};
  const first = Object.keys(fields)[0];
  return { ...(first && first !== '_' ? { field: first } : {}), fields };
}

/**
 * Reads a request body up to `limit` bytes without trusting Content-Length, so an oversized or
 * endless body is refused with 413 instead of being buffered.
 */
export async function readBodyLimited(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw new AppError('payload_too_large', `The body is over ${limit} bytes.`);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new AppError('payload_too_large', `The body is over ${limit} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The answer of an idempotent endpoint: canonical JSON, so the first answer and every replay of the
 * same request are the same bytes; repeats say so with `Idempotent-Replayed: true`.
 */
export function replayableJson(body: unknown, opts: { replayed: boolean }): Response {
  return new Response(canonicalJson(body), {
    status: 200,
    headers: { 'content-type': 'application/json', ...(opts.replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
  });
}

export function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError('invalid_input', 'The body is not valid JSON.', { _: 'invalid JSON' });
  }
}

/**
 * JSON with object keys sorted at every level. A stored result comes back from jsonb with its
 * keys reordered; sorting makes the first answer and every replayed answer byte-identical.
 */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]))
        : v;
  return JSON.stringify(sort(value));
}
