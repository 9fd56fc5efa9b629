import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { auditLog, customers, enrollments, partners, programs, users } from '../schema';
import { recordAudit } from './audit';

const BOUND_BY_HAND = 'customer.bound_by_hand';

/**
 * Who bound a customer by hand, to whom and why: a merchant's override of the attribution is kept
 * in the audit log (in the binding's own transaction), with the shares it replaced as "before".
 * `data` keeps the program, partner and reason: explanations read the author back from it.
 */
export async function recordManualBinding(
  db: Executor,
  workspaceId: string,
  input: {
    customerId: string;
    customerExternalId: string;
    programId: string;
    partnerId: string;
    actorUserId: string | null;
    at: Date;
    reason?: string | null;
    /** the shares of the binding this one replaced, if any */
    replaced?: { partnerId: string; share: string; source: string }[];
  },
) {
  const replaced = (input.replaced ?? []).map((r) => ({ partnerId: r.partnerId, share: r.share, source: r.source }));
  await recordAudit(db, {
    workspaceId, actorUserId: input.actorUserId, action: BOUND_BY_HAND, subjectType: 'customer', subjectId: input.customerId,
    before: replaced.length ? { programId: input.programId, shares: replaced } : null,
    after: { customer: input.customerExternalId, programId: input.programId, shares: [{ partnerId: input.partnerId, share: '1', source: 'manual' }], reason: input.reason ?? null },
    data: { programId: input.programId, partnerId: input.partnerId, reason: input.reason ?? null, replaced },
    at: input.at,
  });
}

/**
 * Per program, the email of the member who last bound this customer by hand (null for bindings made
 * by scripts). The newest audit row of a program is the one behind its current binding, since each
 * manual binding replaces the last.
 */
export async function manualBindingAuthors(db: Executor, workspaceId: string, customerId: string): Promise<Map<string, string | null>> {
  const rows = await db
    .select({ programId: sql<string>`${auditLog.data}->>'programId'`, email: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.subjectType, 'customer'), eq(auditLog.subjectId, customerId), eq(auditLog.action, BOUND_BY_HAND)))
    .orderBy(desc(auditLog.at));
  const authors = new Map<string, string | null>();
  for (const r of rows) if (!authors.has(r.programId)) authors.set(r.programId, r.email ?? null);
  return authors;
}

/**
 * What a manual binding names, looked up inside the workspace only: a customer, program or partner
 * of another tenant comes back missing, exactly like one that does not exist.
 */
export async function findManualBindingTargets(
  db: Executor,
  workspaceId: string,
  ids: { customerId: string; programId: string; partnerId: string },
) {
  const [customer] = await db
    .select({ id: customers.id, externalId: customers.externalId })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, ids.customerId)));
  const [program] = await db.select({ id: programs.id }).from(programs).where(and(eq(programs.workspaceId, workspaceId), eq(programs.id, ids.programId)));
  const [partner] = await db.select({ id: partners.id }).from(partners).where(and(eq(partners.workspaceId, workspaceId), eq(partners.id, ids.partnerId)));
  const [enrollment] = await db
    .select({ status: enrollments.status })
    .from(enrollments)
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.partnerId, ids.partnerId), eq(enrollments.programId, ids.programId)));
  return { customer, programFound: Boolean(program), partnerFound: Boolean(partner), enrollmentStatus: enrollment?.status ?? null };
}
