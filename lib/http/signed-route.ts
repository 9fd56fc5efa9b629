import 'server-only';
import { getDb, type Database } from '../../db/client';
import { findWorkspaceBySlug } from '../../db/queries/workspaces';
import type { SecretKind } from '../domain/integrations';
import { AppError } from '../errors';
import { hitRateLimit } from '../kv/rate-limit';
import { loadSecret } from '../server/secrets';
import { errorResponse, readBodyLimited } from './respond';

// The one way into the signed endpoints (storefront events, Stripe, Shopify). Every request passes
// the same checks in the same order before a route sees it:
//   size (413) → workspace named (400) and known (404) → its secret for this sender (401/404) →
//   signature (401) → rate (429, when the route sets a limit)
// and every error leaves through the one errorResponse. A route only says where the workspace is
// named, which secret and verifier apply, and what to do with a verified body.

const MAX_BODY_BYTES = 1024 * 1024;

export interface SignedRequest<Verified> {
  request: Request;
  db: Database;
  workspaceId: string;
  rawBody: string;
  /** what the verifier returned (Stripe's parsed event; nothing for HMAC-only senders) */
  verified: Verified;
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
  /**
   * Requests per workspace and window. Counted after verification, so a stranger without the
   * secret cannot use up a merchant's quota.
   */
  rateLimit?: { limit: number; windowSeconds: number; /** plural, for the 429 message */ of: string };
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
      const verified = await spec.verify(rawBody, secret.secret, request.headers);
      if (spec.rateLimit) await enforceRateLimit(spec.name, `rl:${spec.secret}:${workspace.id}`, spec.rateLimit);
      return await spec.handle({ request, db, workspaceId: workspace.id, rawBody, verified });
    } catch (err) {
      return errorResponse(err, spec.name);
    }
  };
}

async function workspaceSlugOf(request: Request, context: RouteContext | undefined, from: SignedRouteSpec<unknown>['workspaceFrom']): Promise<string> {
  if (from === 'path') {
    const slug = (await context?.params)?.workspace;
    if (!slug) throw new AppError('not_found', 'No workspace in the path.');
    return slug;
  }
  const slug = request.headers.get(from.header);
  if (!slug) throw new AppError('invalid_input', `Name the workspace in the ${from.header} header.`, { [from.header]: 'is required' });
  return slug;
}

async function enforceRateLimit(name: string, key: string, { limit, windowSeconds, of }: NonNullable<SignedRouteSpec<unknown>['rateLimit']>) {
  try {
    const r = await hitRateLimit(key, limit, windowSeconds);
    if (!r.allowed) throw new AppError('rate_limited', `Too many ${of}; retry in ${r.retryAfterSeconds} s.`);
  } catch (err) {
    if (err instanceof AppError) throw err;
    // Redis unreachable: accept the request (losing an order is worse than a missed limit) and say so
    console.error(`[${name}] rate limiter unavailable; accepting the request`, err);
  }
}
