import 'server-only';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { bindings, bindingShares, customers, enrollments, links, partners, programs } from '../schema';
import type { EnrollmentStatus } from '../../lib/domain/enrollments';
import type { RewardRule } from '../../lib/validation/program';
import { listWorkspaceLedger, type LedgerListQuery, type LedgerRow } from './ledger-list';

// The console's partner page: one partner of one workspace and what hangs off it. Every function
// takes the workspace and the partner, so another tenant's partner id finds nothing.

export async function findPartnerProfile(db: Executor, workspaceId: string, partnerId: string) {
  const [row] = await db
    .select({
      id: partners.id,
      name: partners.name,
      email: partners.email,
      company: partners.company,
      createdAt: partners.createdAt,
      hasAccount: sql<boolean>`${partners.userId} is not null`,
    })
    .from(partners)
    .where(and(eq(partners.workspaceId, workspaceId), eq(partners.id, partnerId)));
  return row;
}

export interface PartnerEnrollmentRow {
  enrollmentId: string;
  programId: string;
  programName: string;
  programCategory: string;
  programUnit: string;
  programStatus: string;
  status: EnrollmentStatus;
  /** the special agreement replacing the program's rules, or null to follow the program */
  rules: RewardRule[] | null;
  programRules: RewardRule[];
  appliedAt: Date;
  lastChangeAt: Date | null;
  lastReason: string | null;
}

// qualified by hand: drizzle would bind bare names to the subquery's own table
const lastChange = (column: 'at' | 'reason') =>
  sql.raw(`(select c.${column} from enrollment_status_changes c where c.enrollment_id = "enrollments"."id" order by c.at desc, c.seq desc limit 1)`);

export async function listEnrollmentsOfPartner(db: Executor, workspaceId: string, partnerId: string): Promise<PartnerEnrollmentRow[]> {
  const rows = await db
    .select({
      enrollmentId: enrollments.id,
      programId: programs.id,
      programName: programs.name,
      programCategory: programs.category,
      programUnit: programs.unit,
      programStatus: programs.status,
      status: enrollments.status,
      rules: enrollments.rules,
      programRules: programs.rules,
      appliedAt: enrollments.appliedAt,
      lastChangeAt: sql<string | null>`${lastChange('at')}`,
      lastReason: sql<string | null>`${lastChange('reason')}`,
    })
    .from(enrollments)
    .innerJoin(programs, eq(programs.id, enrollments.programId))
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.partnerId, partnerId)))
    .orderBy(asc(programs.name), asc(enrollments.id));
  return rows.map((r) => ({ ...r, lastChangeAt: r.lastChangeAt ? new Date(r.lastChangeAt) : null }));
}

/** The partner's tracked links with their human clicks (every recorded click, repeats included). */
export async function listLinksOfPartner(db: Executor, workspaceId: string, partnerId: string) {
  return db
    .select({
      id: links.id,
      code: links.code,
      subId: links.subId,
      destinationUrl: links.destinationUrl,
      disabled: links.disabled,
      createdAt: links.createdAt,
      programName: programs.name,
      clicks: sql<number>`(select count(*) from clicks c
        where c.workspace_id = "links"."workspace_id" and c.partner_id = "links"."partner_id" and c.link_id = "links"."id" and not c.is_bot)`.mapWith(Number),
    })
    .from(links)
    .innerJoin(programs, eq(programs.id, links.programId))
    .where(and(eq(links.workspaceId, workspaceId), eq(links.partnerId, partnerId)))
    .orderBy(asc(programs.name), asc(links.createdAt), asc(links.code));
}

export interface PartnerCustomerRow {
  customerId: string;
  externalId: string;
  email: string | null;
  programName: string;
  share: string;
  source: string;
  boundAt: Date;
}

/** Customers bound to the partner (its share of each binding), newest first; at most `limit`. */
export async function listCustomersOfPartner(db: Executor, workspaceId: string, partnerId: string, limit = 50) {
  const where = and(eq(bindingShares.workspaceId, workspaceId), eq(bindingShares.partnerId, partnerId));
  const rows: PartnerCustomerRow[] = await db
    .select({
      customerId: customers.id,
      externalId: customers.externalId,
      email: customers.email,
      programName: programs.name,
      share: bindingShares.share,
      source: bindings.source,
      boundAt: bindings.boundAt,
    })
    .from(bindingShares)
    .innerJoin(bindings, eq(bindings.id, bindingShares.bindingId))
    .innerJoin(customers, eq(customers.id, bindings.customerId))
    .innerJoin(programs, eq(programs.id, bindings.programId))
    .where(where)
    .orderBy(desc(bindings.boundAt), asc(bindings.id))
    .limit(limit);
  const [total] = await db.select({ n: count() }).from(bindingShares).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** A row of the partner page's ledger: the console ledger's own row. */
export type PartnerEntryRow = LedgerRow;

export type PartnerEntryQuery = Pick<LedgerListQuery, 'page' | 'pageSize' | 'sort' | 'dir'>;

/** The partner's ledger entries: the console ledger filtered to this partner (paged and sorted in SQL). */
export function listEntriesOfPartner(db: Executor, workspaceId: string, partnerId: string, q: PartnerEntryQuery) {
  return listWorkspaceLedger(db, workspaceId, { ...q, partnerId });
}
