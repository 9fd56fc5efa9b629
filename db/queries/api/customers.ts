import 'server-only';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';
import { bindings, bindingShares, customers } from '../../schema';
import { beforeCursor, cursorOf, newestFirst, type KeysetColumns } from './keyset';

// The REST API's reads of customers with their bindings (who each counts for, in which program,
// since when and why), newest first, inside one workspace. Emails are the merchant's own data and
// are returned whole.

const keyset: KeysetColumns = { table: customers, workspaceId: customers.workspaceId, time: customers.createdAt, id: customers.id };

const apiCustomerColumns = { id: customers.id, externalId: customers.externalId, email: customers.email, createdAt: customers.createdAt };

export type ApiCustomerRow = NonNullable<Awaited<ReturnType<typeof findApiCustomer>>>;

export interface ApiCustomerFilter {
  /** compared lower-cased, as ingestion stores emails */
  email?: string;
  /** customers bound to this partner (a share of a binding), in any program or in `programId` */
  partnerId?: string;
  /** customers bound in this program */
  programId?: string;
  limit: number;
  startingAfter?: string;
}

/** Customers with a binding in the program and/or a share for the partner (in that same binding when both are given). */
function boundTo(workspaceId: string, f: ApiCustomerFilter): SQL | undefined {
  if (!f.partnerId && !f.programId) return undefined;
  const where: SQL[] = [eq(bindings.workspaceId, workspaceId), eq(bindings.customerId, customers.id)];
  if (f.programId) where.push(eq(bindings.programId, f.programId));
  if (f.partnerId) {
    where.push(
      sql`exists (select 1 from ${bindingShares} where ${bindingShares.bindingId} = ${bindings.id} and ${bindingShares.partnerId} = ${f.partnerId})`,
    );
  }
  return sql`exists (select 1 from ${bindings} where ${and(...where)})`;
}

/** One page (plus one row, to know whether more follow) of the workspace's customers. */
export async function listApiCustomers(db: Executor, workspaceId: string, f: ApiCustomerFilter) {
  const cursor = await cursorOf(db, keyset, workspaceId, f.startingAfter);
  const where: (SQL | undefined)[] = [eq(customers.workspaceId, workspaceId), beforeCursor(keyset, cursor), boundTo(workspaceId, f)];
  // ingestion stores emails lower-cased, so the (workspace, email) index serves an exact match
  if (f.email) where.push(eq(customers.email, f.email.toLowerCase()));
  return db.select(apiCustomerColumns).from(customers).where(and(...where)).orderBy(...newestFirst(keyset)).limit(f.limit + 1);
}

export async function findApiCustomer(db: Executor, workspaceId: string, customerId: string) {
  const [row] = await db.select(apiCustomerColumns).from(customers).where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  return row;
}

export interface ApiBinding {
  programId: string;
  boundAt: Date;
  source: 'attribution' | 'manual';
  reason: string | null;
  /** in first-touch order; exact fractions ("1/3") that sum to 1 */
  shares: { partnerId: string; share: string }[];
}

/** The bindings of these customers (of one page), per customer id, each with its shares. */
export async function bindingsOfCustomers(db: Executor, workspaceId: string, customerIds: readonly string[]): Promise<Map<string, ApiBinding[]>> {
  const out = new Map<string, ApiBinding[]>();
  if (customerIds.length === 0) return out;
  const rows = await db
    .select({
      id: bindings.id, customerId: bindings.customerId, programId: bindings.programId, boundAt: bindings.boundAt, source: bindings.source, reason: bindings.reason,
      partnerId: bindingShares.partnerId, share: bindingShares.share,
    })
    .from(bindings)
    .innerJoin(bindingShares, eq(bindingShares.bindingId, bindings.id))
    .where(and(eq(bindings.workspaceId, workspaceId), inArray(bindings.customerId, [...customerIds])))
    .orderBy(asc(bindings.boundAt), asc(bindings.id), sql`${bindingShares.touchOrder}::numeric`);
  const byBinding = new Map<string, ApiBinding>();
  for (const r of rows) {
    let binding = byBinding.get(r.id);
    if (!binding) {
      binding = { programId: r.programId, boundAt: r.boundAt, source: r.source, reason: r.reason, shares: [] };
      byBinding.set(r.id, binding);
      out.set(r.customerId, [...(out.get(r.customerId) ?? []), binding]);
    }
    binding.shares.push({ partnerId: r.partnerId, share: r.share });
  }
  return out;
}
