import 'server-only';
import type { Executor } from '../client';
import { auditLog } from '../schema';

/** Who bound a customer by hand, and to whom: a merchant's override of the attribution is kept. */
export async function recordManualBinding(
  db: Executor,
  workspaceId: string,
  input: { customerId: string; programId: string; partnerId: string; actorUserId: string | null; at: Date },
) {
  await db.insert(auditLog).values({
    workspaceId, actorUserId: input.actorUserId, action: 'customer.bound_by_hand', subjectType: 'customer', subjectId: input.customerId,
    data: { programId: input.programId, partnerId: input.partnerId }, at: input.at,
  });
}
