import { getDb } from '@/db/client';
import { currentUser } from '@/lib/auth/guards';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http/respond';
import { loadPortalScope, portalScopeForSlug } from '@/lib/server/portal-scope';
import { statementCsvResponse } from '@/lib/server/statements-csv';
import { statementPeriod } from '@/lib/server/statements-period';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The signed-in partner's statement for one merchant (`?workspace=<slug>`, else the merchant chosen
 * in the portal) and period (`from`, `to`: UTC days, `to` inclusive; the current month by default).
 * The session and the user's own partner record in that workspace are checked before anything is
 * parsed: signed out, another user's workspace or one without a partner record are the same 404.
 * Bad days are a 400 naming `from` or `to`. Nothing here writes.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = await currentUser();
    if (!user) throw new AppError('not_found', 'Not found.');
    const query = new URL(request.url).searchParams;
    const slug = query.get('workspace')?.trim();
    const scope = slug ? await portalScopeForSlug(user, slug) : await loadPortalScope(user);
    if (!scope) throw new AppError('not_found', 'Not found.');
    const now = new Date();
    const period = statementPeriod({ from: query.get('from'), to: query.get('to') }, now);
    const party = { partnerId: scope.partner.id, workspaceId: scope.workspace.id, workspaceSlug: scope.workspace.slug };
    return await statementCsvResponse(getDb(), party, period, now);
  } catch (err) {
    if (err instanceof AppError && (err.code === 'not_found' || err.code === 'forbidden' || err.code === 'unauthorized')) {
      return errorResponse(new AppError('not_found', 'Not found.'), 'statement export');
    }
    return errorResponse(err, 'statement export');
  }
}
