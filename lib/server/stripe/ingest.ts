import 'server-only';
import type { Database } from '../../../db/client';
import { recordCouponPromotionCode } from '../../../db/queries/coupon-promotion-codes';
import { recordStripeOrderRefs, stripeIdsOfOrder } from '../../../db/queries/stripe-orders';
import type { StripeOrderInstruction, StripeRefundInstruction } from '../../integrations/stripe-types';
import type { IngestOutcome } from '../rewards/ingest-event';
import { ingestLiveEvent } from '../rewards/ingest-live-event';
import { canDecideNow, holdStripeInstruction, releaseWaiting, type HeldOutcome } from './holds';
import { applyChargeRefund, orderStripeIds, storedStripeOrder, stripeOrderEvent, type RefundOutcome } from './process';

// Stripe events as they arrive: decided at once when everything they depend on is known, else held
// (see holds.ts). Whatever an event makes known then releases what was waiting for it.

/** An event that creates no ledger entries itself but teaches us something (a payment, a promotion code). */
export type RecordedOutcome = { recorded: true; reason: string };
export type StripeOutcome = IngestOutcome | HeldOutcome | RecordedOutcome | { ignored: true; reason: string };

/** A paid Checkout Session or invoice. */
export async function ingestStripeOrder(
  db: Database,
  workspaceId: string,
  ins: StripeOrderInstruction & { promotionCodes: { id: string; code: string; active: boolean }[] },
  now: Date,
): Promise<StripeOutcome> {
  const { promotionCodes, ...order } = ins;
  for (const promotionCode of promotionCodes) await recordCouponPromotionCode(db, workspaceId, promotionCode);
  // checked before anything is held: a payload we could never decide is refused now (400), not later
  const event = await stripeOrderEvent(db, workspaceId, order);
  if (!(await canDecideNow(db, workspaceId, order))) return holdStripeInstruction(db, workspaceId, order, now);
  await recordStripeOrderRefs(db, workspaceId, event.id, orderStripeIds(order));
  const outcome = await ingestLiveEvent(db, workspaceId, storedStripeOrder(event, order), { source: 'stripe', now });
  await releaseWaiting(db, workspaceId, [event.id, ...(await stripeIdsOfOrder(db, workspaceId, event.id))], now);
  return outcome;
}

/** `charge.refunded`: applied to its order, or held until the order is known. */
export async function ingestStripeRefund(db: Database, workspaceId: string, ins: StripeRefundInstruction, now: Date): Promise<StripeOutcome> {
  const applied: RefundOutcome | undefined = await db.transaction((tx) => applyChargeRefund(tx, workspaceId, ins, now));
  return applied ?? holdStripeInstruction(db, workspaceId, ins, now);
}

/** `invoice_payment.paid`: these payments paid this invoice, so a refund of any of them reverses its order. */
export async function ingestStripeInvoicePayment(db: Database, workspaceId: string, ins: { invoice: string; refs: string[] }, now: Date): Promise<StripeOutcome> {
  await recordStripeOrderRefs(db, workspaceId, ins.invoice, ins.refs);
  await releaseWaiting(db, workspaceId, ins.refs, now);
  return { recorded: true, reason: `payment ${ins.refs.join(', ') || '(none named)'} belongs to invoice ${ins.invoice}` };
}

/** `promotion_code.created` / `.updated`: the coupon of the same code is matched by this id from now on. */
export async function ingestStripePromotionCode(db: Database, workspaceId: string, promotionCode: { id: string; code: string; active: boolean }): Promise<StripeOutcome> {
  const matched = await recordCouponPromotionCode(db, workspaceId, promotionCode);
  return {
    recorded: true,
    reason: matched ? `coupon ${promotionCode.code.toUpperCase()} is matched by promotion code ${promotionCode.id} from now on` : `no coupon changed by promotion code ${promotionCode.id}`,
  };
}
