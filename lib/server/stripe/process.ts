import 'server-only';
import type { Executor, Transaction } from '../../../db/client';
import { couponCodesByPromotionCode } from '../../../db/queries/coupon-promotion-codes';
import { findProcessedStripeOrder, recordStripeOrderRefs, stripeChargeRefundsSeen } from '../../../db/queries/stripe-orders';
import { currencyPrecision, Decimal, orderTotal } from '../../engine';
import { AppError } from '../../errors';
import type { StripeChargeFacts, StripeOrderEvent, StripeOrderInstruction, StripeRefundInstruction } from '../../integrations/stripe-types';
import { eventSchema, type StoredEvent } from '../../validation/events';
import { ingestEvent, type IngestOutcome } from '../rewards/ingest-event';

// Deciding a Stripe order or refund once everything it depends on is known, inside a transaction
// the caller owns. Used for events decided on arrival and for held events when they are released.

/** The Stripe ids an order is known by from now on: its payment's, and its subscription's. */
export const orderStripeIds = (ins: StripeOrderInstruction) => [...ins.payment.refs, ...(ins.subscription ? [ins.subscription] : [])];

/** The Stripe ids a refunded charge names its payment by. */
export const chargeStripeIds = (charge: StripeChargeFacts) => [charge.paymentIntent, charge.invoice, charge.id].filter((r): r is string => Boolean(r));

/** A refund's sender id: Stripe's retries of one refund state collide on it (see applyChargeRefund). */
export const chargeRefundId = (charge: StripeChargeFacts) => `${charge.id}-refunded-${charge.amountRefunded}`;

/**
 * The canonical order event, with its coupons resolved: promotion code ids become the code of the
 * coupon that carries them (in the position Stripe listed them; ids no coupon carries name no one).
 * Checked with the events endpoint's own schema, so its bounds hold for Stripe too.
 */
export async function stripeOrderEvent(db: Executor, workspaceId: string, ins: StripeOrderInstruction): Promise<StripeOrderEvent> {
  const ids = ins.coupons.flatMap((c) => ('promotionCode' in c ? [c.promotionCode] : []));
  const byId = await couponCodesByPromotionCode(db, workspaceId, ids);
  const codes = new Map<string, string>();
  for (const c of ins.coupons) {
    const code = 'code' in c ? c.code : byId.get(c.promotionCode);
    if (code && !codes.has(code.toUpperCase())) codes.set(code.toUpperCase(), code);
  }
  const event = eventSchema.parse({ ...ins.event, data: { ...ins.event.data, coupons: [...codes.values()].slice(0, 20) } });
  if (event.type !== 'order') throw new AppError('internal', `Stripe order ${ins.event.id} became a ${event.type}.`);
  return event;
}

/** The stored copy keeps the Stripe ids of the payment next to the canonical event. */
export const storedStripeOrder = (event: StripeOrderEvent, ins: StripeOrderInstruction): StoredEvent => ({
  ...event,
  stripe: { object: ins.payment.object, id: ins.payment.objectId, refs: ins.payment.refs },
});

/** Decides an order in the caller's transaction (a savepoint of it), and records its Stripe ids. */
export async function processStripeOrder(tx: Transaction, workspaceId: string, ins: StripeOrderInstruction, now: Date): Promise<IngestOutcome> {
  const event = await stripeOrderEvent(tx, workspaceId, ins);
  const outcome = await ingestEvent(tx, workspaceId, storedStripeOrder(event, ins), { source: 'stripe', now });
  await recordStripeOrderRefs(tx, workspaceId, event.id, orderStripeIds(ins));
  return outcome;
}

export type RefundOutcome = IngestOutcome | { ignored: true; reason: string };

/**
 * `charge.refunded` carries the charge's cumulative `amount_refunded`, in gross minor units (tax
 * and shipping included); our refund events carry the amount of one refund, on the same basis as
 * the order's lines (before tax). So each webhook becomes the refund of what is new since the
 * highest cumulative amount we already applied for this charge, measured as the same fraction of
 * the order:  order total × (refunded now / charged) − order total × (refunded before / charged),
 * each term rounded to the currency. A full refund therefore reverses exactly the order total.
 *
 * The event id is `<charge>-refunded-<cumulative>`: Stripe's retries of one webhook collide on it
 * and get the first answer; a webhook that arrives after a later one (a smaller cumulative amount)
 * has nothing new to apply and is ignored. The order's row stays locked from the read of the
 * earlier amounts to the write of this refund, so two webhooks of one charge cannot both count
 * the same money.
 *
 * Returns undefined when no processed order is known for the charge yet (the caller holds it).
 */
export async function applyChargeRefund(tx: Transaction, workspaceId: string, ins: StripeRefundInstruction, now: Date): Promise<RefundOutcome | undefined> {
  const { charge } = ins;
  // what was actually taken: a partly captured charge can only be refunded up to its capture
  const charged = charge.amountCaptured || charge.amount;
  if (charge.amountRefunded <= 0 || charged <= 0) return { ignored: true, reason: 'the charge has no refunded amount' };
  const order = await findProcessedStripeOrder(tx, workspaceId, chargeStripeIds(charge), { lock: true });
  if (!order) return undefined;
  const id = chargeRefundId(charge);
  const seen = await stripeChargeRefundsSeen(tx, workspaceId, order.senderId, charge.id);
  const earlier = seen.filter((s) => s.senderId !== id).reduce((max, s) => Math.max(max, s.amountRefunded), 0);
  const repeat = seen.some((s) => s.senderId === id);
  if (!repeat && earlier >= charge.amountRefunded) {
    return { ignored: true, reason: `a later refund state of ${charge.id} (${earlier} refunded) was already applied` };
  }
  const { payload } = order;
  // findProcessedStripeOrder finds orders only; the check narrows the stored event's type
  if (payload.type !== 'order') throw new AppError('internal', `Stored event ${order.senderId} is not an order.`);
  const { data } = payload;
  const total = orderTotal(data.lines);
  const share = (refunded: number) =>
    refunded >= charged ? total : total.times(refunded).div(charged).toDecimalPlaces(currencyPrecision(data.currency), Decimal.ROUND_HALF_UP);
  const amount = Decimal.max(share(charge.amountRefunded).minus(share(earlier)), 0);
  const event = eventSchema.parse({ id, type: 'refund', occurredAt: ins.occurredAt, data: { orderId: order.senderId, amount: amount.toFixed() } });
  const stored: StoredEvent = { ...event, stripe: { charge: charge.id, amountRefunded: charge.amountRefunded, amountCharged: charged } };
  // The service's own transaction becomes a savepoint of the caller's: the order lock taken above
  // is held until the refund is written.
  return ingestEvent(tx, workspaceId, stored, { source: 'stripe', now });
}
