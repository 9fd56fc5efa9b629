import 'server-only';
import { inOrder } from '../../../db/in-order';
import type { Executor } from '../../../db/client';
import {
  loadBindings, loadClicks, loadCouponsByCode, loadEnrollmentStates, loadGroupConfigs, loadLinksByCode, loadMatchingDeals,
  loadPartnerRefs, loadProgramConfigs, loadRewardUsage, loadWorkspaceConfig,
} from '../../../db/queries/reward-state';
import { visitorIdsOf } from '../../../db/queries/customers';
import type { CustomerRow } from '../../../db/queries/customers';
import type { EventSignals, RewardContext } from '../../engine';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The clicks one decision reads: back to the longest window of any program, plus one hour so
 * duplicate-click detection sees a click's predecessor, and nothing after the event. (The in-memory
 * replay in tests/unit/engine applies this same span.)
 */
export function clickLookback(programs: readonly { windowDays: number }[], at: Date): { from: Date; to: Date } {
  const longestWindow = Math.max(0, ...programs.map((p) => p.windowDays));
  return { from: new Date(at.getTime() - longestWindow * DAY_MS - HOUR_MS), to: at };
}

/**
 * Loads what the engine needs to decide one event of one customer: the workspace's programs and
 * groups, the touches that could credit someone (clicks of the customer's visitors, the event's
 * own codes, matching deal registrations), existing bindings and used-up one-off rewards, and the
 * partners and enrollments behind all of them. The engine receives customers by external id.
 */
export async function loadRewardContext(
  db: Executor,
  workspaceId: string,
  customer: CustomerRow,
  signals: EventSignals,
  at: Date,
): Promise<RewardContext & { knownVisitorIds: string[] }> {
  const [workspace, programs, groups, visitorIds, bindings, usage, deals] = await inOrder(
    () => loadWorkspaceConfig(db, workspaceId),
    () => loadProgramConfigs(db, workspaceId),
    () => loadGroupConfigs(db, workspaceId),
    () => visitorIdsOf(db, workspaceId, customer.id),
    () => loadBindings(db, workspaceId, { customerId: customer.id }, () => customer.externalId),
    () => loadRewardUsage(db, workspaceId, customer.id),
    () => loadMatchingDeals(db, workspaceId, customer),
  );
  const knownVisitorIds = [...visitorIds];
  if (signals.visitorId && !visitorIds.includes(signals.visitorId)) visitorIds.push(signals.visitorId);
  const [clicks, links, coupons] = await inOrder(
    () => loadClicks(db, workspaceId, { visitorIds, clickId: signals.clickId, ...clickLookback(programs, at) }),
    () => loadLinksByCode(db, workspaceId, signals.partnerCode ? [signals.partnerCode] : []),
    () => loadCouponsByCode(db, workspaceId, signals.coupons ?? []),
  );
  const partnerIds = new Set<string>();
  for (const list of [clicks, links, coupons, deals]) for (const x of list) partnerIds.add(x.partnerId);
  for (const b of bindings) for (const s of b.shares) partnerIds.add(s.partnerId);
  const ids = [...partnerIds];
  const [partners, enrollments] = await inOrder(
    () => loadPartnerRefs(db, workspaceId, ids),
    () => loadEnrollmentStates(db, workspaceId, { partnerIds: ids }),
  );
  return { workspace, programs, groups, partners, enrollments, links, coupons, clicks, deals, bindings, usage, knownVisitorIds };
}
