import 'server-only';
import type { Database } from '../../db/client';
import { recordAudit } from '../../db/queries/audit';
import { lockCustomerEmailsSetting, setShowCustomerEmailsToPartners } from '../../db/queries/workspaces';
import { AppError } from '../errors';
import type { MerchantScope } from './scope';

/**
 * Whether the workspace's partners see their customers' emails whole in the portal (its reward
 * explanations) or masked (j•••@acme.com, the default). The change and its audit row commit
 * together; saving the same choice again writes nothing, not even an audit row.
 */
export async function setPartnerCustomerEmails(db: Database, scope: MerchantScope, show: boolean) {
  return db.transaction(async (tx) => {
    const before = await lockCustomerEmailsSetting(tx, scope.workspaceId);
    if (before === undefined) throw new AppError('not_found', 'Workspace not found.');
    if (before === show) return { changed: false };
    await setShowCustomerEmailsToPartners(tx, scope.workspaceId, show);
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actorUserId: scope.userId,
      action: 'settings.partner_customer_emails_changed',
      subjectType: 'settings',
      subjectId: scope.workspaceId,
      before: { showCustomerEmailsToPartners: before },
      after: { showCustomerEmailsToPartners: show },
    });
    return { changed: true };
  });
}
