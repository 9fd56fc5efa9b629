import 'server-only';
import type { Database } from '../../../db/client';
import { lockCustomer, replaceBinding } from '../../../db/queries/customers';
import { partnerIsEnrolled } from '../../../db/queries/deals';
import { recordManualBinding } from '../../../db/queries/manual-bindings';
import { bindCustomerManually } from '../../engine';
import { AppError } from '../../errors';

/**
 * §4.3 manual attribution: the merchant binds a customer to a partner in a program with share 1,
 * replacing any earlier binding there. Kept in the audit log with who did it.
 */
export async function bindCustomerByHand(
  db: Database,
  workspaceId: string,
  input: { customerExternalId: string; programId: string; partnerId: string; at: Date; actorUserId?: string | null },
) {
  await db.transaction(async (tx) => {
    if (!(await partnerIsEnrolled(tx, workspaceId, input.partnerId, input.programId))) {
      throw new AppError('invalid_input', 'The partner is not enrolled in this program.', { partnerId: 'not enrolled in the program' });
    }
    const customer = await lockCustomer(tx, workspaceId, input.customerExternalId, null);
    const binding = bindCustomerManually({ customerId: customer.externalId, programId: input.programId, partnerId: input.partnerId, at: input.at });
    await replaceBinding(tx, workspaceId, customer.id, binding);
    await recordManualBinding(tx, workspaceId, {
      customerId: customer.id, programId: input.programId, partnerId: input.partnerId, actorUserId: input.actorUserId ?? null, at: input.at,
    });
  });
}
