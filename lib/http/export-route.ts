import 'server-only';
import { getDb, type Database } from '../../db/client';
import { currentUser } from '../auth/guards';
import { resolveMerchantScope } from '../server/access';
import type { MerchantScope } from '../server/scope';
import { ROLE_GROUPS } from '../domain/roles';
import { AppError } from '../errors';
import { errorResponse } from './respond';

export interface ExportRequest<P> {
  db: Database;
  scope: MerchantScope;
  params: P;
  query: URLSearchParams;
  /** the export's instant: statuses are taken at it and the file is named by its UTC date */
  now: Date;
}

/**
 * The one shape of a console CSV route: session, tenant and role (owner, admin, finance) checked
 * first. Everyone else, signed out, a viewer, a partner or another tenant, gets the same 404 as a
 * workspace that does not exist: an export route reveals nothing, not even that it exists.
 * Bad query parameters are 400 naming the parameter; nothing here writes.
 */
export function financeExport<P extends { workspace: string }>(name: string, handler: (req: ExportRequest<P>) => Promise<Response>) {
  return async function GET(request: Request, context: { params: Promise<P> }): Promise<Response> {
    try {
      const params = await context.params;
      const user = await currentUser();
      if (!user) throw new AppError('not_found', 'Not found.');
      const scope = await resolveMerchantScope(user.id, params.workspace, ROLE_GROUPS.finance);
      return await handler({ db: getDb(), scope, params, query: new URL(request.url).searchParams, now: new Date() });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'not_found' || err.code === 'forbidden' || err.code === 'unauthorized')) {
        return errorResponse(new AppError('not_found', 'Not found.'), name);
      }
      return errorResponse(err, name);
    }
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not even a UUID names nothing: 404, like a foreign one (never a database error). */
export function pathId(id: string): string {
  if (!UUID.test(id)) throw new AppError('not_found', 'Not found.');
  return id.toLowerCase();
}
