import 'server-only';
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import {
  bindings, bindingShares, clicks, coupons, customers, customerVisitors, dealRegistrations, enrollments, events, ledgerEntries, links, partners, programs,
} from '../schema';
import { manualBindingAuthors } from './manual-bindings';

// The console's customer page: everything that decides who is credited for this customer, read
// inside one workspace. Lists are capped: a customer with thousands of clicks shows the newest.

const LIST_CAP = 200;

export async function findCustomer(db: Executor, workspaceId: string, customerId: string) {
  const [row] = await db
    .select({ id: customers.id, externalId: customers.externalId, email: customers.email, createdAt: customers.createdAt })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)));
  return row;
}

/** Every visitor id seen with the customer, and the clicks through them, newest first. */
export async function customerVisitsAndClicks(db: Executor, workspaceId: string, customerId: string) {
  const visitors = await db
    .select({ visitorId: customerVisitors.visitorId, firstSeenAt: customerVisitors.firstSeenAt })
    .from(customerVisitors)
    .where(and(eq(customerVisitors.workspaceId, workspaceId), eq(customerVisitors.customerId, customerId)))
    .orderBy(asc(customerVisitors.firstSeenAt));
  const clickRows = visitors.length
    ? await db
        .select({
          id: clicks.id, visitorId: clicks.visitorId, at: clicks.occurredAt, bot: clicks.isBot, linkCode: links.code,
          partnerId: clicks.partnerId, partnerName: partners.name, programName: programs.name,
        })
        .from(clicks)
        .innerJoin(links, eq(links.id, clicks.linkId))
        .innerJoin(partners, eq(partners.id, clicks.partnerId))
        .innerJoin(programs, eq(programs.id, clicks.programId))
        .where(and(eq(clicks.workspaceId, workspaceId), inArray(clicks.visitorId, visitors.map((v) => v.visitorId))))
        .orderBy(desc(clicks.occurredAt), desc(clicks.seq))
        .limit(LIST_CAP)
    : [];
  return { visitors, clicks: clickRows };
}

/** The customer's orders, refunds and milestones, newest first, with what each wrote per unit. */
export async function customerEvents(db: Executor, workspaceId: string, customerId: string) {
  return db
    .select({
      id: events.id, senderId: events.senderId, type: events.type, status: events.status, occurredAt: events.occurredAt, orderRef: events.orderRef,
      payload: events.payload,
      // what the event wrote, summed per unit (text, never a float)
      written: sql<{ unit: string; total: string }[]>`(select coalesce(json_agg(json_build_object('unit', t.unit, 'total', t.total) order by t.unit), '[]') from (
        select le.unit, sum(le.amount)::text as total from ledger_entries le where le.event_id = "events"."id" group by le.unit) t)`,
    })
    .from(events)
    .where(and(eq(events.workspaceId, workspaceId), eq(events.customerId, customerId)))
    .orderBy(desc(events.occurredAt), desc(events.seq))
    .limit(LIST_CAP);
}

/** Partners behind coupon and link codes the customer's orders carried (codes may be unknown). */
export async function partnersOfCodes(db: Executor, workspaceId: string, codes: { coupons: string[]; links: string[] }) {
  const couponRows = codes.coupons.length
    ? await db
        .select({ code: coupons.code, partnerName: partners.name, disabled: coupons.disabled })
        .from(coupons)
        .innerJoin(partners, eq(partners.id, coupons.partnerId))
        .where(and(eq(coupons.workspaceId, workspaceId), inArray(coupons.code, codes.coupons.map((c) => c.toUpperCase()))))
    : [];
  const linkRows = codes.links.length
    ? await db
        .select({ code: links.code, partnerName: partners.name, disabled: links.disabled })
        .from(links)
        .innerJoin(partners, eq(partners.id, links.partnerId))
        .where(and(eq(links.workspaceId, workspaceId), inArray(links.code, codes.links)))
    : [];
  return { coupons: couponRows, links: linkRows };
}

/** Deal registrations naming this customer by id, email or email domain, whatever their status. */
export async function customerDeals(db: Executor, workspaceId: string, customer: { externalId: string; email: string | null }) {
  const matches: SQL[] = [and(eq(dealRegistrations.matchType, 'customer'), eq(dealRegistrations.matchValue, customer.externalId))!];
  if (customer.email) {
    const email = customer.email.toLowerCase();
    matches.push(and(eq(dealRegistrations.matchType, 'email'), eq(dealRegistrations.matchValue, email))!);
    matches.push(and(eq(dealRegistrations.matchType, 'email_domain'), eq(dealRegistrations.matchValue, email.split('@')[1] ?? ''))!);
  }
  return db
    .select({
      id: dealRegistrations.id, partnerName: partners.name, programName: programs.name, status: dealRegistrations.status, matchType: dealRegistrations.matchType,
      matchValue: dealRegistrations.matchValue, registeredAt: dealRegistrations.registeredAt, expiresAt: dealRegistrations.expiresAt,
    })
    .from(dealRegistrations)
    .innerJoin(partners, eq(partners.id, dealRegistrations.partnerId))
    .innerJoin(programs, eq(programs.id, dealRegistrations.programId))
    .where(and(eq(dealRegistrations.workspaceId, workspaceId), or(...matches)))
    .orderBy(desc(dealRegistrations.registeredAt))
    .limit(LIST_CAP);
}

export interface CustomerBindingRow {
  programId: string;
  programName: string;
  boundAt: Date;
  source: 'attribution' | 'manual';
  reason: string | null;
  boundBy: string | null;
  shares: { partnerId: string; partnerName: string; share: string }[];
}

/** The customer's bindings per program with partners and shares in first-touch order. */
export async function customerBindings(db: Executor, workspaceId: string, customerId: string): Promise<CustomerBindingRow[]> {
  const rows = await db
    .select({
      id: bindings.id, programId: bindings.programId, programName: programs.name, boundAt: bindings.boundAt, source: bindings.source, reason: bindings.reason,
      partnerId: bindingShares.partnerId, partnerName: partners.name, share: bindingShares.share,
    })
    .from(bindings)
    .innerJoin(programs, eq(programs.id, bindings.programId))
    .innerJoin(bindingShares, eq(bindingShares.bindingId, bindings.id))
    .innerJoin(partners, eq(partners.id, bindingShares.partnerId))
    .where(and(eq(bindings.workspaceId, workspaceId), eq(bindings.customerId, customerId)))
    .orderBy(asc(programs.name), sql`${bindingShares.touchOrder}::numeric`);
  const authors = rows.some((r) => r.source === 'manual') ? await manualBindingAuthors(db, workspaceId, customerId) : new Map<string, string | null>();
  const byId = new Map<string, CustomerBindingRow>();
  for (const r of rows) {
    const b = byId.get(r.id) ?? {
      programId: r.programId, programName: r.programName, boundAt: r.boundAt, source: r.source, reason: r.reason,
      boundBy: r.source === 'manual' ? (authors.get(r.programId) ?? null) : null, shares: [],
    };
    b.shares.push({ partnerId: r.partnerId, partnerName: r.partnerName, share: r.share });
    byId.set(r.id, b);
  }
  return [...byId.values()];
}

/**
 * What the manual-binding form offers: active programs, each with its approved partners (the
 * service accepts no one else). Names only, ordered for a select.
 */
export async function manualBindingChoices(db: Executor, workspaceId: string) {
  const rows = await db
    .select({ programId: programs.id, programName: programs.name, partnerId: partners.id, partnerName: partners.name })
    .from(enrollments)
    .innerJoin(programs, eq(programs.id, enrollments.programId))
    .innerJoin(partners, eq(partners.id, enrollments.partnerId))
    .where(and(eq(enrollments.workspaceId, workspaceId), eq(enrollments.status, 'approved'), eq(programs.status, 'active')))
    .orderBy(asc(programs.name), asc(partners.name));
  const byProgram = new Map<string, { programId: string; programName: string; partners: { id: string; name: string }[] }>();
  for (const r of rows) {
    const p = byProgram.get(r.programId) ?? { programId: r.programId, programName: r.programName, partners: [] };
    p.partners.push({ id: r.partnerId, name: r.partnerName });
    byProgram.set(r.programId, p);
  }
  return [...byProgram.values()];
}

/** How many entries were written for this customer, for the page's link to the filtered ledger. */
export async function customerEntryCount(db: Executor, workspaceId: string, customerId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.customerId, customerId)));
  return row?.n ?? 0;
}
