import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { getDb, type Database } from '../../db/client';
import { currentUser, type SessionUser } from '../auth/guards';
import { resolveMerchantScope } from '../server/access';
import { partnerIdsOfUser } from '../../db/queries/partners';
import { ROLE_GROUPS, type RoleGroup } from '../domain/roles';
import type { MerchantScope } from '../server/scope';
import { AppError } from '../errors';
import { formToObject, toActionError, type ActionResult } from './result';

// The one way a server action is built. Each kind resolves who is calling itself (session, then
// tenant and role for the console), parses the input with its zod schema, runs one service call
// and maps every error once: field errors for forms, AppError codes to messages, anything else
// logged with an id. Actions written with these cannot forget a check, and the pages' buttons
// read the same role groups (lib/domain/roles.ts).
//
// Why our own ~100 lines rather than next-safe-action: our forms, useActionState call sites and
// Playwright journeys already speak `ActionResult` (ok/message/fields), the workspace arrives as a
// bound argument that must be re-checked against memberships, and the auth actions need Next's
// redirect to pass through; next-safe-action's result shape (data/validationErrors/serverError)
// would mean rewriting every form for no gain in safety.

type Schema = z.ZodType<unknown, Record<string, unknown>>;
type Input<S extends Schema> = z.output<S>;

/** Merges named bound arguments (the ones a component passes with `.bind`) into the form's fields. */
function readInput(form: unknown, boundNames: readonly string[], bound: unknown[]): Record<string, unknown> {
  const fields: Record<string, unknown> = form instanceof FormData ? formToObject(form) : {};
  boundNames.forEach((name, i) => {
    fields[name] = bound[i];
  });
  return fields;
}

async function settle<T>(work: () => Promise<ActionResult<T>>, mapError?: (err: unknown) => ActionResult<T> | undefined): Promise<ActionResult<T>> {
  try {
    return await work();
  } catch (err) {
    // Next's redirect() and notFound() travel as errors: let them through to the framework
    unstable_rethrow(err);
    return mapError?.(err) ?? toActionError(err);
  }
}

async function requireSessionUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError('unauthorized', 'Your session has ended; sign in again.');
  return user;
}

export interface MerchantActionContext<I> {
  scope: MerchantScope;
  input: I;
  db: Database;
}

/**
 * A console action: `(workspaceSlug, ...bound, prev, form?)`. The slug is only a request; the
 * caller's membership and role in that workspace are checked before the input is even parsed, so
 * a stranger learns nothing from validation messages ("not found" for every other tenant).
 */
export function merchantAction<S extends Schema, T = undefined>(opts: {
  roles: RoleGroup;
  input: S;
  /** names of arguments bound after the workspace slug, merged into the input before parsing */
  bound?: readonly string[];
  run: (ctx: MerchantActionContext<Input<S>>) => Promise<ActionResult<T>>;
}) {
  const boundNames = opts.bound ?? [];
  return async (workspaceSlug: string, ...args: unknown[]): Promise<ActionResult<T>> =>
    settle(async () => {
      const user = await requireSessionUser();
      if (typeof workspaceSlug !== 'string') throw new AppError('not_found', 'Workspace not found.');
      const scope = await resolveMerchantScope(user.id, workspaceSlug, ROLE_GROUPS[opts.roles]);
      const bound = args.slice(0, boundNames.length);
      const form = args[boundNames.length + 1];
      const input = opts.input.parse(readInput(form, boundNames, bound));
      return opts.run({ scope, input, db: getDb() });
    });
}

export interface PartnerActionContext<I> {
  user: SessionUser;
  /** the caller's partner records, one per workspace it joined; services check ids against these */
  partnerIds: string[];
  input: I;
  db: Database;
}

/** A portal action: `(prev, form)`, for the signed-in user's own partner records only. */
export function partnerAction<S extends Schema, T = undefined>(opts: {
  input: S;
  run: (ctx: PartnerActionContext<Input<S>>) => Promise<ActionResult<T>>;
}) {
  return async (_prev: unknown, form?: FormData): Promise<ActionResult<T>> =>
    settle(async () => {
      const user = await requireSessionUser();
      const input = opts.input.parse(readInput(form, [], []));
      const db = getDb();
      const partnerIds = (await partnerIdsOfUser(db, user.id)).map((p) => p.id);
      return opts.run({ user, partnerIds, input, db });
    });
}

export interface PublicActionContext<I> {
  /** the signed-in user when there is one (joining a program while signed in) */
  user: SessionUser | null;
  input: I;
  db: Database;
}

/**
 * Sign-in, sign-up, joining, password resets: no session required. `bound` names arguments bound
 * before `(prev, form)`. Without an `input` schema the run parses `rawInput` itself (joining a
 * program needs the form only when nobody is signed in).
 */
export function publicAction<S extends Schema, T = undefined>(opts: {
  input?: S;
  bound?: readonly string[];
  run: (ctx: PublicActionContext<Input<S>> & { rawInput: Record<string, unknown> }) => Promise<ActionResult<T>>;
  /** action-specific error mapping (sign-in's credential errors); undefined falls back to the default */
  mapError?: (err: unknown) => ActionResult<T> | undefined;
}) {
  const boundNames = opts.bound ?? [];
  return async (...args: unknown[]): Promise<ActionResult<T>> =>
    settle(async () => {
      const bound = args.slice(0, boundNames.length);
      const rawInput = readInput(args[boundNames.length + 1], boundNames, bound);
      const input = (opts.input ? opts.input.parse(rawInput) : undefined) as Input<S>;
      return opts.run({ user: await currentUser(), input, rawInput, db: getDb() });
    }, opts.mapError);
}
