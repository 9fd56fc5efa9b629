import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { auditLog, enrollments } from '../../../db/schema';
import { lockCustomer, replaceBinding } from '../../../db/queries/customers';
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
    const [enrolled] = await tx
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.partnerId, input.partnerId), eq(enrollments.programId, input.programId)));
    if (!enrolled) throw new AppError('invalid_input', 'The partner is not enrolled in this program.', { partnerId: 'not enrolled in the program' });
    const customer = await lockCustomer(tx, workspaceId, input.customerExternalId, null);
    const binding = bindCustomerManually({ customerId: customer.externalId, programId: input.programId, partnerId: input.partnerId, at: input.at });
    await replaceBinding(tx, workspaceId, customer.id, binding);
    await tx.insert(auditLog).values({
      workspaceId, actorUserId: input.actorUserId ?? null, action: 'customer.bound_by_hand', subjectType: 'customer', subjectId: customer.id,
      data: { programId: input.programId, partnerId: input.partnerId }, at: input.at,
    });
  });
}
