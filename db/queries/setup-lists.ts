import 'server-only';
import { asc, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { customers, poolPeriodClosings, poolPrograms, pools, programs } from '../schema';

/** Pools with member programs and their closed periods. */
export async function listPools(db: Executor, workspaceId: string) {
  const rows = await db.select().from(pools).where(eq(pools.workspaceId, workspaceId)).orderBy(asc(pools.name));
  const members = await db
    .select({ poolId: poolPrograms.poolId, name: programs.name })
    .from(poolPrograms)
    .innerJoin(programs, eq(programs.id, poolPrograms.programId))
    .where(eq(poolPrograms.workspaceId, workspaceId));
  const closings = await db
    .select({ poolId: poolPeriodClosings.poolId, period: poolPeriodClosings.period, closedAt: poolPeriodClosings.closedAt, result: poolPeriodClosings.result })
    .from(poolPeriodClosings)
    .where(eq(poolPeriodClosings.workspaceId, workspaceId))
    .orderBy(desc(poolPeriodClosings.period));
  return rows.map((p) => ({
    ...p,
    programs: members.filter((m) => m.poolId === p.id).map((m) => m.name),
    closings: closings.filter((c) => c.poolId === p.id),
  }));
}

export interface CustomerListRow {
  id: string;
  externalId: string;
  email: string | null;
  createdAt: Date;
  boundTo: string | null;
}

/** Customers with the partners they are bound to, paged and sorted in SQL. */
export async function listCustomers(
  db: Executor,
  workspaceId: string,
  q: { page: number; pageSize: number; sort: 'externalId' | 'createdAt'; dir: 'asc' | 'desc'; search?: string },
) {
  const term = q.search ? `%${q.search.replace(/[%_\\]/g, '\\$&')}%` : undefined;
  const where = term
    ? sql`${customers.workspaceId} = ${workspaceId} and (${or(ilike(customers.externalId, term), ilike(customers.email, term))})`
    : eq(customers.workspaceId, workspaceId);
  const col = q.sort === 'externalId' ? customers.externalId : customers.createdAt;
  const rows: CustomerListRow[] = await db
    .select({
      id: customers.id,
      externalId: customers.externalId,
      email: customers.email,
      createdAt: customers.createdAt,
      // written out with aliases: inside a scalar subquery drizzle's unqualified column names would be ambiguous
      boundTo: sql<string | null>`(select string_agg(distinct p.name || ' (' || pr.name || ')', ', ')
        from bindings b join binding_shares s on s.binding_id = b.id
        join partners p on p.id = s.partner_id join programs pr on pr.id = b.program_id
        where b.customer_id = "customers"."id")`,
    })
    .from(customers)
    .where(where)
    .orderBy(q.dir === 'asc' ? asc(col) : desc(col), asc(customers.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await db.select({ n: count() }).from(customers).where(where);
  return { rows, total: total?.n ?? 0 };
}
