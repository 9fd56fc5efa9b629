import 'server-only';
import { and, asc, eq, inArray, isNotNull, lte, gte, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import {
  bindings, bindingShares, clicks, coupons, customerRewardUsages, dealRegistrations, enrollments, enrollmentStatusChanges,
  fxRates, links, partners, payoutMinimums, programGroupMembers, programGroups, programs, units, workspaces,
} from '../schema';
import { manualBindingAuthors } from './manual-bindings';
import type {
  ClickRecord, CouponRef, CustomUnit, CustomerBinding, FxRate, DealRegistration, EnrollmentState, LinkRef, PartnerRef, ProgramConfig,
  ProgramGroupConfig, RewardUsage, WorkspaceConfig,
} from '../../lib/engine';

// Loaders of the narrow state the engine reads for one decision. Every function is scoped to a
// workspace id passed in by the service.

/**
 * Base currency, FX rates, custom units and payout minimums in one round trip (this runs for every
 * event). Decimals leave Postgres as text, never as JSON numbers, so no float ever carries them.
 */
export async function loadWorkspaceConfig(db: Executor, workspaceId: string): Promise<WorkspaceConfig> {
  const { rows } = await db.execute<{ base_currency: string; rates: FxRate[]; units: CustomUnit[]; minimums: { unit: string; amount: string }[] }>(sql`
    select w.base_currency,
      coalesce((select json_agg(json_build_object('currency', r.currency, 'rate', r.rate::text, 'from', r.effective_from) order by r.currency, r.effective_from)
                from ${fxRates} r where r.workspace_id = w.id), '[]') as rates,
      coalesce((select json_agg(json_build_object('key', u.key, 'label', u.label, 'precision', u.precision, 'baseValue', u.base_value::text) order by u.key)
                from ${units} u where u.workspace_id = w.id), '[]') as units,
      coalesce((select json_agg(json_build_object('unit', m.unit, 'amount', m.amount::text))
                from ${payoutMinimums} m where m.workspace_id = w.id), '[]') as minimums
    from ${workspaces} w where w.id = ${workspaceId}`);
  const [ws] = rows;
  return {
    baseCurrency: ws.base_currency,
    fxRates: ws.rates,
    units: ws.units,
    minimumPayout: Object.fromEntries(ws.minimums.map((m) => [m.unit, m.amount])),
  };
}

// Ties after a timestamp are broken by `seq`, the order the rows were recorded in (SPEC §4.2, §6),
// never by `id`: ids are random, so the same story would pay its odd cent differently per database.

export async function loadProgramConfigs(db: Executor, workspaceId: string): Promise<ProgramConfig[]> {
  const rows = await db.select().from(programs).where(eq(programs.workspaceId, workspaceId)).orderBy(asc(programs.createdAt), asc(programs.seq));
  return rows.map((p) => ({
    id: p.id,
    unit: p.unit,
    model: p.model,
    windowDays: p.windowDays,
    couponPrecedence: p.couponPrecedence,
    holdDays: p.holdDays,
    scope: p.scope,
    rewards: p.rules,
    active: p.status === 'active',
  }));
}

export async function loadGroupConfigs(db: Executor, workspaceId: string): Promise<ProgramGroupConfig[]> {
  const rows = await db
    .select({ id: programGroups.id, strategy: programGroups.strategy, programId: programGroupMembers.programId, rank: programGroupMembers.rank })
    .from(programGroups)
    .innerJoin(programGroupMembers, eq(programGroupMembers.groupId, programGroups.id))
    .where(eq(programGroups.workspaceId, workspaceId))
    .orderBy(asc(programGroups.createdAt), asc(programGroupMembers.rank));
  const groups = new Map<string, ProgramGroupConfig>();
  for (const r of rows) {
    const g = groups.get(r.id) ?? { id: r.id, strategy: r.strategy, programIds: [] };
    g.programIds.push(r.programId);
    groups.set(r.id, g);
  }
  return [...groups.values()];
}

export async function loadPartnerRefs(db: Executor, workspaceId: string, partnerIds: string[]): Promise<PartnerRef[]> {
  if (partnerIds.length === 0) return [];
  return db.select({ id: partners.id, email: partners.email }).from(partners).where(and(eq(partners.workspaceId, workspaceId), inArray(partners.id, partnerIds)));
}

/**
 * Enrollments as approved intervals, from the status history: approved → suspended → approved
 * becomes two states. Never-approved enrollments appear once with approvedAt null, so the engine
 * can say "not approved" in its explanation. They come in recorded order: a pool's last tie-break
 * ("the enrollment recorded first", §6) is their position in this list.
 */
export async function loadEnrollmentStates(
  db: Executor,
  workspaceId: string,
  filter: { partnerIds?: string[]; programIds?: string[] },
): Promise<EnrollmentState[]> {
  const conds = [eq(enrollments.workspaceId, workspaceId)];
  if (filter.partnerIds) {
    if (filter.partnerIds.length === 0) return [];
    conds.push(inArray(enrollments.partnerId, filter.partnerIds));
  }
  if (filter.programIds) {
    if (filter.programIds.length === 0) return [];
    conds.push(inArray(enrollments.programId, filter.programIds));
  }
  const rows = await db
    .select({
      id: enrollments.id, partnerId: enrollments.partnerId, programId: enrollments.programId, rules: enrollments.rules,
      appliedAt: enrollments.appliedAt, status: enrollmentStatusChanges.status, at: enrollmentStatusChanges.at,
    })
    .from(enrollments)
    .innerJoin(enrollmentStatusChanges, eq(enrollmentStatusChanges.enrollmentId, enrollments.id))
    .where(and(...conds))
    .orderBy(asc(enrollments.seq), asc(enrollmentStatusChanges.at), asc(enrollmentStatusChanges.seq));
  const byEnrollment = new Map<string, typeof rows>();
  for (const r of rows) byEnrollment.set(r.id, [...(byEnrollment.get(r.id) ?? []), r]);
  return [...byEnrollment.values()].flatMap(approvedIntervals);
}

function approvedIntervals(
  changes: { partnerId: string; programId: string; appliedAt: Date; rules: EnrollmentState['rewards']; status: string; at: Date }[],
): EnrollmentState[] {
  const first = changes[0];
  const base = { partnerId: first.partnerId, programId: first.programId, enrolledAt: first.appliedAt, rewards: first.rules };
  const intervals: EnrollmentState[] = [];
  let open: Date | null = null;
  for (const c of changes) {
    if (c.status === 'approved' && !open) open = c.at;
    else if (c.status !== 'approved' && open) {
      intervals.push({ ...base, approvedAt: open, endedAt: c.at });
      open = null;
    }
  }
  if (open) intervals.push({ ...base, approvedAt: open, endedAt: null });
  return intervals.length ? intervals : [{ ...base, approvedAt: null, endedAt: null }];
}

/**
 * Clicks of the customer's visitors (and the event's own click) up to the event time, in arrival
 * order: clicks at the same instant count in the order they were recorded (§4.2).
 */
export async function loadClicks(
  db: Executor,
  workspaceId: string,
  q: { visitorIds: string[]; clickId?: string | null; from: Date; to: Date },
): Promise<ClickRecord[]> {
  const bySignal = [];
  if (q.visitorIds.length) bySignal.push(inArray(clicks.visitorId, q.visitorIds));
  if (q.clickId) bySignal.push(eq(clicks.id, q.clickId));
  if (bySignal.length === 0) return [];
  const rows = await db
    .select({ id: clicks.id, visitorId: clicks.visitorId, linkCode: links.code, partnerId: clicks.partnerId, at: clicks.occurredAt, bot: clicks.isBot })
    .from(clicks)
    .innerJoin(links, eq(links.id, clicks.linkId))
    .where(and(eq(clicks.workspaceId, workspaceId), or(...bySignal), gte(clicks.occurredAt, q.from), lte(clicks.occurredAt, q.to)))
    .orderBy(asc(clicks.occurredAt), asc(clicks.seq));
  return rows;
}

export async function loadLinksByCode(db: Executor, workspaceId: string, codes: string[]): Promise<LinkRef[]> {
  if (codes.length === 0) return [];
  return db
    .select({ code: links.code, partnerId: links.partnerId })
    .from(links)
    .where(and(eq(links.workspaceId, workspaceId), inArray(links.code, codes), eq(links.disabled, false)));
}

export async function loadCouponsByCode(db: Executor, workspaceId: string, codes: string[]): Promise<CouponRef[]> {
  if (codes.length === 0) return [];
  return db
    .select({ code: coupons.code, partnerId: coupons.partnerId })
    .from(coupons)
    .where(and(eq(coupons.workspaceId, workspaceId), inArray(coupons.code, codes.map((c) => c.toUpperCase())), eq(coupons.disabled, false)));
}

/** Approved (or since expired) deal registrations that could match this customer, in arrival order. */
export async function loadMatchingDeals(
  db: Executor,
  workspaceId: string,
  customer: { externalId: string; email: string | null },
): Promise<DealRegistration[]> {
  const matches = [and(eq(dealRegistrations.matchType, 'customer'), eq(dealRegistrations.matchValue, customer.externalId))];
  if (customer.email) {
    const email = customer.email.toLowerCase();
    matches.push(and(eq(dealRegistrations.matchType, 'email'), eq(dealRegistrations.matchValue, email)));
    matches.push(and(eq(dealRegistrations.matchType, 'email_domain'), eq(dealRegistrations.matchValue, email.split('@')[1] ?? '')));
  }
  const rows = await db
    .select()
    .from(dealRegistrations)
    .where(and(eq(dealRegistrations.workspaceId, workspaceId), inArray(dealRegistrations.status, ['approved', 'expired']),
      // an expired registration counts only if the merchant approved it before it lapsed: one that
      // expired while pending was never approved (decided_at is set only by a decision)
      isNotNull(dealRegistrations.decidedAt),
      or(...matches),
    ))
    .orderBy(asc(dealRegistrations.registeredAt), asc(dealRegistrations.seq));
  return rows.map((d) => ({
    id: d.id,
    partnerId: d.partnerId,
    programId: d.programId,
    registeredAt: d.registeredAt,
    expiresAt: d.expiresAt,
    approved: true,
    match: {
      email: d.matchType === 'email' ? d.matchValue : null,
      emailDomain: d.matchType === 'email_domain' ? d.matchValue : null,
      customerExternalId: d.matchType === 'customer' ? d.matchValue : null,
    },
  }));
}

/**
 * Bindings with their shares in first-touch order; without a customer filter, every customer's in
 * the programs. A manual binding carries its reason, and for one customer (an event's decision) also
 * who bound it, so later rewards can say so; pool closings need neither.
 */
export async function loadBindings(
  db: Executor,
  workspaceId: string,
  filter: { customerId?: string; programIds?: string[] },
  externalIdOf: (customerId: string) => string = (id) => id,
): Promise<CustomerBinding[]> {
  if (filter.programIds?.length === 0) return [];
  const conds = [eq(bindings.workspaceId, workspaceId)];
  if (filter.customerId) conds.push(eq(bindings.customerId, filter.customerId));
  if (filter.programIds) conds.push(inArray(bindings.programId, filter.programIds));
  const rows = await db
    .select({
      id: bindings.id, customerId: bindings.customerId, programId: bindings.programId, boundAt: bindings.boundAt, source: bindings.source,
      reason: bindings.reason, partnerId: bindingShares.partnerId, share: bindingShares.share, order: bindingShares.touchOrder,
    })
    .from(bindings)
    .innerJoin(bindingShares, eq(bindingShares.bindingId, bindings.id))
    .where(and(...conds))
    .orderBy(asc(bindings.seq), sql`${bindingShares.touchOrder}::numeric`);
  const authors = filter.customerId && rows.some((r) => r.source === 'manual') ? await manualBindingAuthors(db, workspaceId, filter.customerId) : null;
  const byId = new Map<string, CustomerBinding>();
  for (const r of rows) {
    const b = byId.get(r.id) ?? {
      programId: r.programId, customerId: externalIdOf(r.customerId), boundAt: r.boundAt, source: r.source, shares: [],
      ...(r.source === 'manual' ? { manual: { reason: r.reason, boundBy: authors?.get(r.programId) ?? null } } : {}),
    };
    b.shares.push({ partnerId: r.partnerId, share: r.share });
    byId.set(r.id, b);
  }
  return [...byId.values()];
}

export async function loadRewardUsage(db: Executor, workspaceId: string, customerId: string): Promise<RewardUsage> {
  const rows = await db
    .select({ programId: customerRewardUsages.programId, rule: customerRewardUsages.rule, name: customerRewardUsages.name })
    .from(customerRewardUsages)
    .where(and(eq(customerRewardUsages.workspaceId, workspaceId), eq(customerRewardUsages.customerId, customerId)));
  return {
    perCustomerUsed: rows.filter((r) => r.rule === 'per_customer').map((r) => r.programId),
    milestonesUsed: rows.filter((r) => r.rule === 'milestone').map((r) => ({ programId: r.programId, name: r.name })),
  };
}
