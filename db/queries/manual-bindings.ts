import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { auditLog, enrollments } from '../schema';

/** Any enrollment of the partner in the program, whatever its status (§4.3 binds by hand regardless). */
export async function partnerEnrolledIn(db: Executor, workspaceId: string, partnerId: string, programId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.partnerId, partnerId), eq(enrollments.programId, programId)));
  return row !== undefined;
}

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
