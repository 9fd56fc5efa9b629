import 'server-only';
import { getDb, type Database } from '../../db/client';
import { findWorkspaceBySlug } from '../../db/queries/workspaces';
import type { SecretKind } from '../domain/integrations';
import { AppError } from '../errors';
import { hitRateLimit } from '../kv/rate-limit';
import { loadSecret } from '../server/secrets';
import { cleanString, cleanStrings } from '../validation/clean-strings';
import { errorResponse, RateLimitedError, readBodyLimited } from './respond';

// The one way into the signed endpoints (storefront events, Stripe, Shopify). Every request passes
// the same checks in the same order before a route sees it:
//   size (413) → workspace named (400) and known (404) → its secret for this sender (401/404) →
//   signature (401) → rate (429, when the route sets a limit) → body parsed (400) and cleaned
// and every error leaves through the one errorResponse. A route only says where the workspace is
// named, which secret and verifier apply, how its body is parsed, and what to do with it.
//
// Cleaning: whatever a sender signed reaches the route with every NUL and lone UTF-16 surrogate
// replaced (lib/validation/clean-strings.ts), the parsed body and the verifier's result alike, so
// no route can store a string Postgres refuses. The signature is checked on the raw bytes first.

const MAX_BODY_BYTES = 1024 * 1024;

export interface SignedRequest<Verified> {
  request: Request;
  db: Database;
  workspaceId: string;
  rawBody: string;
  /** what the verifier returned (Stripe's parsed event; nothing for HMAC-only senders), cleaned */
  verified: Verified;
  /** the body as the route's `parse` read it, cleaned; undefined when the route has no `parse` */
  body: unknown;
}

/** What the wrapper knows of the workspace a request names, read once per request. */
export interface SignedWorkspace {
  id: string;
  slug: string;
  eventsPerMinute: number;
}

export interface SignedRouteSpec<Verified> {
  /** names the route in the error log */
  name: string;
  /** where the sender names the workspace: a header (the events API) or the [workspace] path segment */
  workspaceFrom: { header: string } | 'path';
  secret: SecretKind;
  /** the refusal when the workspace has no secret of this kind */
  noSecret: (workspaceSlug: string) => AppError;
  /** checks the signature over the raw bytes; throws AppError('unauthorized') when it does not match */
  verify: (rawBody: string, secret: string, headers: Headers) => Verified | Promise<Verified>;
  /** reads the verified raw body (e.g. JSON); throws AppError('invalid_input') when it cannot */
  parse?: (rawBody: string) => unknown;
  /**
   * Requests per workspace and minute. Counted after verification, so a stranger without the
   * secret cannot use up a merchant's quota.
   */
  rateLimit?: { perMinute: (workspace: SignedWorkspace) => number; /** plural, for the 429 message */ of: string };
  handle: (req: SignedRequest<Verified>) => Promise<Response>;
}

type RouteContext = { params: Promise<{ workspace?: string }> };

export function signedRoute<Verified>(spec: SignedRouteSpec<Verified>) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    try {
      const rawBody = await readBodyLimited(request, MAX_BODY_BYTES);
      const slug = await workspaceSlugOf(request, context, spec.workspaceFrom);
      const db = getDb();
      const workspace = await findWorkspaceBySlug(db, slug);
      if (!workspace) throw new AppError('not_found', `No workspace "${slug}".`);
      const secret = await loadSecret(db, workspace.id, spec.secret);
      if (!secret) throw spec.noSecret(slug);
      const verified = cleanStrings(await spec.verify(rawBody, secret.secret, request.headers));
      if (spec.rateLimit) {
        const { perMinute, of } = spec.rateLimit;
        await enforceRateLimit(spec.name, `rl:${spec.secret}:${workspace.id}`, { limit: perMinute(workspace), windowSeconds: 60, of });
      }
      const body = spec.parse ? cleanStrings(spec.parse(rawBody)) : undefined;
      return await spec.handle({ request, db, workspaceId: workspace.id, rawBody, verified, body });
    } catch (err) {
      return errorResponse(err, spec.name);
    }
  };
}

async function workspaceSlugOf(request: Request, context: RouteContext | undefined, from: SignedRouteSpec<unknown>['workspaceFrom']): Promise<string> {
  if (from === 'path') {
    const slug = (await context?.params)?.workspace;
    if (!slug) throw new AppError('not_found', 'No workspace in the path.');
    return knownShape(slug);
  }
  const slug = request.headers.get(from.header);
  if (!slug) throw new AppError('invalid_input', `Name the workspace in the ${from.header} header.`, { [from.header]: 'is required' });
  return knownShape(slug);
}

/**
 * A slug no workspace can have is unknown without asking Postgres, which would fail on a NUL
 * (a path segment "%00" decodes to one) instead of answering "no such row".
 */
function knownShape(slug: string): string {
  if (slug.length > 200 || cleanString(slug) !== slug) throw new AppError('not_found', 'No such workspace.');
  return slug;
}

async function enforceRateLimit(name: string, key: string, { limit, windowSeconds, of }: { limit: number; windowSeconds: number; of: string }) {
  try {
    const r = await hitRateLimit(key, limit, windowSeconds);
    if (!r.allowed) throw new RateLimitedError(`Too many ${of}; retry in ${r.retryAfterSeconds} s.`, r.retryAfterSeconds);
  } catch (err) {
    if (err instanceof AppError) throw err;
    // Redis unreachable: accept the request (losing an order is worse than a missed limit) and say so
    console.error(`[${name}] rate limiter unavailable; accepting the request`, err);
  }
}
