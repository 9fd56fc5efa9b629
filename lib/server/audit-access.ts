import 'server-only';
import { ROLE_GROUPS } from '../domain/roles';
import { AppError } from '../errors';
import { resolveMerchantScope } from './access';
import type { MerchantScope } from './scope';

/**
 * Who reads the audit log: owners, admins and finance (it holds every payout action and every
 * configuration change, and its CSV is a finance export). A viewer is answered like a stranger,
 * "not found", as on the export routes: the page and its CSV admit the same people.
 */
export async function resolveAuditReader(userId: string, workspaceSlug: string): Promise<MerchantScope> {
  try {
    return await resolveMerchantScope(userId, workspaceSlug, ROLE_GROUPS.finance);
  } catch (err) {
    if (err instanceof AppError && err.code === 'forbidden') throw new AppError('not_found', 'Workspace not found.');
    throw err;
  }
}
