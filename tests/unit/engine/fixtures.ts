/** Small builders for engine unit tests: a one-program workspace with approved partners. */
import type { ClickRecord, OrderEvent, ProgramConfig, RewardContext, RewardRule } from '../../../lib/engine';

export const T0 = '2026-01-01T00:00:00.000Z';

export function program(overrides: Partial<ProgramConfig> = {}): ProgramConfig {
  return {
    id: 'P',
    unit: 'USD',
    model: 'last_touch',
    windowDays: 30,
    couponPrecedence: 'override',
    holdDays: 0,
    rewards: [{ type: 'one_time_share', percent: '10' }],
    ...overrides,
  };
}

export function context(overrides: Partial<RewardContext> & { partnerIds?: string[]; rules?: RewardRule[] } = {}): RewardContext {
  const { partnerIds = ['a', 'b', 'c'], rules, ...rest } = overrides;
  const programs = rest.programs ?? [program(rules ? { rewards: rules } : {})];
  return {
    workspace: { baseCurrency: 'USD', fxRates: [], units: [] },
    groups: [],
    partners: partnerIds.map((id) => ({ id, email: `${id}@partners.test` })),
    enrollments: programs.flatMap((p) => partnerIds.map((id) => ({ partnerId: id, programId: p.id, approvedAt: '2020-01-01T00:00:00Z' }))),
    links: partnerIds.map((id) => ({ code: `${id}-link`, partnerId: id })),
    coupons: partnerIds.map((id) => ({ code: id.toUpperCase() + 'CODE', partnerId: id })),
    clicks: [],
    deals: [],
    bindings: [],
    usage: { perCustomerUsed: [], milestonesUsed: [] },
    ...rest,
    programs,
  };
}

let clickSeq = 0;
export function click(partnerId: string, at: string, visitorId = 'v1', extra: Partial<ClickRecord> = {}): ClickRecord {
  clickSeq += 1;
  return { id: `k${clickSeq}`, visitorId, linkCode: `${partnerId}-link`, partnerId, at, ...extra };
}

export function order(overrides: Partial<OrderEvent> = {}): OrderEvent {
  return {
    id: 'o1',
    occurredAt: '2026-01-10T00:00:00.000Z',
    customer: { externalId: 'c1', email: 'buyer@example.com' },
    currency: 'USD',
    lines: [{ product: 'p', category: 'software', amount: '100.00' }],
    visitorId: 'v1',
    ...overrides,
  };
}

/** Entries reduced to partner → amount for compact assertions. */
export function amountsByPartner(entries: { partnerId: string; amount: string }[]): Record<string, string> {
  return Object.fromEntries(entries.map((e) => [e.partnerId, e.amount]));
}
