import 'server-only';
import type { Database } from '../../db/client';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { decideDeal, registerDeal } from '../../lib/server/rewards/deals';
import { bindCustomerByHand } from '../../lib/server/rewards/manual-binding';
import { closePool } from '../../lib/server/rewards/pools';
import { createPayoutBatch, markPayoutFailed, markPayoutPaid, payoutIdsOfBatch } from '../../lib/server/rewards/payouts';
import { changeEnrollmentStatus } from '../../lib/server/enrollments';
import { eventSchema } from '../../lib/validation/events';
import { AppError } from '../../lib/errors';
import { storeClick } from '../../tests/helpers/clicks';
import { clickIdOfStep, DEFAULT_DEAL_DAYS, type ScenarioStep } from './format';
import type { ScenarioIds } from './setup';

const DAY_MS = 86_400_000;

/**
 * Plays one step through the services the routes and actions call, with the clock at `at`.
 * Returns the refusal code when a service refuses the step (e.g. fx_rate_missing).
 */
export async function playStep(db: Database, ids: ScenarioIds, step: ScenarioStep, index: number): Promise<string | undefined> {
  const at = new Date(step.at);
  const ws = ids.workspaceId;
  const partner = (key: string) => ids.partners.get(key) ?? missing('partner', key);
  const program = (key: string) => ids.programs.get(key) ?? missing('program', key);
  try {
    if (step.click) await storeClick(db, ws, { id: clickIdOfStep(index), linkCode: step.click.link, visitorId: step.click.visitor, at, bot: step.click.bot });
    if (step.deal) {
      const d = step.deal;
      const deal = await registerDeal(db, ws, {
        partnerId: partner(d.partner), programId: program(d.program), match: d.match, prospectName: d.key,
        registeredAt: at, expiresAt: new Date(at.getTime() + (d.expiresDays ?? DEFAULT_DEAL_DAYS) * DAY_MS),
      });
      await decideDeal(db, ws, deal.id, 'approved', at);
    }
    if (step.assign) {
      await bindCustomerByHand(db, ws, { customerExternalId: step.assign.customer, programId: program(step.assign.program), partnerId: partner(step.assign.partner), at });
    }
    if (step.approve) {
      const enrollmentId = ids.enrollments.get(`${step.approve.partner}|${step.approve.program}`) ?? missing('enrollment', step.approve.partner);
      await changeEnrollmentStatus(db, { workspaceId: ws, userId: null }, enrollmentId, 'approved', at);
    }
    if (step.order) {
      const o = step.order;
      await ingest(db, ws, {
        id: o.id, type: 'order', occurredAt: step.at,
        data: {
          customer: { externalId: o.customer, ...(o.email ? { email: o.email } : {}) }, currency: o.currency, lines: o.lines,
          visitorId: o.visitor, clickId: o.clickId, partnerCode: o.partnerCode, coupons: o.coupons ?? [],
        },
      }, at);
    }
    if (step.refund) {
      await ingest(db, ws, { id: `refund-${index}`, type: 'refund', occurredAt: step.at, data: { orderId: step.refund.order, amount: step.refund.amount } }, at);
    }
    if (step.milestone) {
      const m = step.milestone;
      await ingest(db, ws, {
        id: `milestone-${index}`, type: 'milestone', occurredAt: step.at,
        data: { customer: { externalId: m.customer, ...(m.email ? { email: m.email } : {}) }, name: m.name },
      }, at);
    }
    if (step.closePool) await closePool(db, ws, ids.pools.get(step.closePool.pool) ?? missing('pool', step.closePool.pool), step.closePool.period, at);
    if (step.payout) {
      await createPayoutBatch(db, ws, { reference: step.payout.batch, at, partnerIds: step.payout.partners?.map(partner), units: step.payout.units });
    }
    if (step.paid) {
      for (const p of await payoutIdsOfBatch(db, ws, step.paid.batch)) if (p.status === 'processing') await markPayoutPaid(db, ws, p.id, `scenario-${step.paid.batch}`, at);
    }
    if (step.failed) {
      for (const p of await payoutIdsOfBatch(db, ws, step.failed.batch)) if (p.status === 'processing') await markPayoutFailed(db, ws, p.id, 'scenario', at);
    }
  } catch (err) {
    if (err instanceof AppError && err.code !== 'internal') return err.code;
    throw err;
  }
  return undefined;
}

/** Events go through the API's own schema, then the ingestion service, like POST /api/v1/events. */
async function ingest(db: Database, workspaceId: string, raw: unknown, at: Date) {
  const event = eventSchema.parse(JSON.parse(JSON.stringify(raw)));
  await ingestEvent(db, workspaceId, event, { source: 'scenario', now: at });
}

function missing(what: string, key: string): never {
  throw new Error(`scenario names an unknown ${what} "${key}"`);
}
