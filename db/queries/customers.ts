import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { bindings, bindingShares, customers, customerVisitors } from '../schema';
import type { CustomerBinding } from '../../lib/engine';

export interface CustomerRow {
  id: string;
  externalId: string;
  email: string | null;
}

/**
 * Finds or creates the customer and locks its row for the rest of the transaction, in one
 * statement (an upsert takes the row lock), so two events of one customer are decided one after
 * the other (bindings and one-off rewards stay single). A new email replaces the stored one.
 */
export async function lockCustomer(db: Executor, workspaceId: string, externalId: string, email: string | null): Promise<CustomerRow> {
  const [row] = await db
    .insert(customers)
    .values({ workspaceId, externalId, email })
    .onConflictDoUpdate({ target: [customers.workspaceId, customers.externalId], set: { email: sql`coalesce(excluded.email, ${customers.email})` } })
    .returning({ id: customers.id, externalId: customers.externalId, email: customers.email });
  return row;
}

export async function rememberVisitor(db: Executor, workspaceId: string, customerId: string, visitorId: string, at: Date) {
  await db.insert(customerVisitors).values({ workspaceId, customerId, visitorId, firstSeenAt: at }).onConflictDoNothing();
}

export async function visitorIdsOf(db: Executor, workspaceId: string, customerId: string): Promise<string[]> {
  const rows = await db
    .select({ v: customerVisitors.visitorId })
    .from(customerVisitors)
    .where(and(eq(customerVisitors.workspaceId, workspaceId), eq(customerVisitors.customerId, customerId)));
  return rows.map((r) => r.v);
}

/** Writes a binding decided by the engine; the unique (customer, program) index keeps it single. */
export async function insertBinding(db: Executor, workspaceId: string, customerId: string, binding: CustomerBinding) {
  const [row] = await db
    .insert(bindings)
    .values({ workspaceId, customerId, programId: binding.programId, boundAt: new Date(binding.boundAt), source: binding.source, reason: binding.manual?.reason ?? null })
    .onConflictDoNothing({ target: [bindings.customerId, bindings.programId] })
    .returning({ id: bindings.id });
  if (!row) return false;
  await db.insert(bindingShares).values(
    binding.shares.map((s, i) => ({
      bindingId: row.id, workspaceId, partnerId: s.partnerId, share: s.share, firstTouchAt: new Date(binding.boundAt), touchOrder: String(i),
    })),
  );
  return true;
}

/**
 * A merchant's manual attribution replaces whatever binding the customer had in the program.
 * Returns the replaced binding's shares (empty when there was none), for the audit record.
 */
export async function replaceBinding(db: Executor, workspaceId: string, customerId: string, binding: CustomerBinding) {
  const replaced = await db
    .select({ partnerId: bindingShares.partnerId, share: bindingShares.share, source: bindings.source })
    .from(bindings)
    .innerJoin(bindingShares, eq(bindingShares.bindingId, bindings.id))
    .where(and(eq(bindings.customerId, customerId), eq(bindings.programId, binding.programId), eq(bindings.workspaceId, workspaceId)))
    .orderBy(sql`${bindingShares.touchOrder}::numeric`);
  await db.delete(bindings).where(and(eq(bindings.customerId, customerId), eq(bindings.programId, binding.programId), eq(bindings.workspaceId, workspaceId)));
  await insertBinding(db, workspaceId, customerId, binding);
  return replaced;
}
