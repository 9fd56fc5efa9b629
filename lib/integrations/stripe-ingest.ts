import 'server-only';
import type { Database } from '../../db/client';
import { lockStripeOrderByPayment, stripeChargeRefundsSeen } from '../../db/queries/integrations';
import { currencyPrecision, Decimal, orderTotal } from '../engine';
import { AppError } from '../errors';
import { ingestEvent, type IngestOutcome } from '../server/rewards/ingest-event';
import { ingestLiveEvent } from '../server/rewards/ingest-live-event';
import { eventSchema, type StoredEvent } from '../validation/events';
import type { StripeCharge, StripeInstruction } from './stripe';

export type StripeOutcome = IngestOutcome | { ignored: true; reason: string };

/** Hands a translated Stripe event to the reward services. */
export async function ingestStripeInstruction(db: Database, workspaceId: string, instruction: StripeInstruction): Promise<StripeOutcome> {
  if (instruction.kind === 'ignored') return { ignored: true, reason: instruction.reason };
  if (instruction.kind === 'refund') return ingestChargeRefund(db, workspaceId, instruction.charge, instruction.occurredAt);
  const event = eventSchema.parse(instruction.event);
  // The raw copy keeps the Stripe ids of the payment next to the canonical event: refunds find
  // their order through them (see lockStripeOrderByPayment).
  const stored: StoredEvent = {
    ...event,
    stripe: { object: instruction.payment.object, id: instruction.payment.objectId, refs: instruction.payment.refs },
  };
  return ingestLiveEvent(db, workspaceId, stored, { source: 'stripe' });
}

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
 */
async function ingestChargeRefund(db: Database, workspaceId: string, charge: StripeCharge, occurredAt: string): Promise<StripeOutcome> {
  // what was actually taken: a partly captured charge can only be refunded up to its capture
  const charged = charge.amount_captured || charge.amount;
  if (charge.amount_refunded <= 0 || charged <= 0) return { ignored: true, reason: 'the charge has no refunded amount' };
  const refs = [charge.payment_intent, charge.invoice, charge.id].filter((r): r is string => Boolean(r));
  return db.transaction(async (tx) => {
    const order = await lockStripeOrderByPayment(tx, workspaceId, refs);
    if (!order) {
      throw new AppError(
        'invalid_input',
        `No order received from Stripe matches charge ${charge.id} (${refs.join(', ')}). Stripe retries this webhook, so a refund that overtook its order is applied once the order arrives.`,
        { 'data.object.payment_intent': 'names no order received from Stripe' },
      );
    }
    const id = `${charge.id}-refunded-${charge.amount_refunded}`;
    const seen = await stripeChargeRefundsSeen(tx, workspaceId, order.senderId, charge.id);
    const earlier = seen.filter((s) => s.senderId !== id).reduce((max, s) => Math.max(max, s.amountRefunded), 0);
    const repeat = seen.some((s) => s.senderId === id);
    if (!repeat && earlier >= charge.amount_refunded) {
      return { ignored: true as const, reason: `a later refund state of ${charge.id} (${earlier} refunded) was already applied` };
    }
    const { payload } = order;
    // lockStripeOrderByPayment finds orders only; the check narrows the stored event's type
    if (payload.type !== 'order') throw new AppError('internal', `Stored event ${order.senderId} is not an order.`);
    const { data } = payload;
    const total = orderTotal(data.lines);
    const share = (refunded: number) =>
      refunded >= charged ? total : total.times(refunded).div(charged).toDecimalPlaces(currencyPrecision(data.currency), Decimal.ROUND_HALF_UP);
    const amount = Decimal.max(share(charge.amount_refunded).minus(share(earlier)), 0);
    const event = eventSchema.parse({ id, type: 'refund', occurredAt, data: { orderId: order.senderId, amount: amount.toFixed() } });
    const stored: StoredEvent = {
      ...event,
      stripe: { charge: charge.id, amountRefunded: charge.amount_refunded, amountCharged: charged },
    };
    // The open transaction is handed to the service, whose own transaction becomes a savepoint in
    // it: the order lock taken above is held until the refund is written. (A transaction offers
    // everything the service uses of a database handle.)
    return ingestEvent(tx, workspaceId, stored, { source: 'stripe' });
  });
}
