import { z } from 'zod';
import { decimalString, nonNegativeDecimalString } from './program';
import { currencySchema } from './accounts';

// The body of POST /api/v1/events, also used by the seed, the scenario runner and the Stripe and
// Shopify adapters (which translate their payloads into this shape).

const customerSchema = z.object({
  externalId: z.string().trim().min(1, 'is required').max(200),
  email: z.string().trim().toLowerCase().email('must be a valid email address').max(254).optional(),
});

const lineSchema = z.object({
  product: z.string().trim().min(1, 'is required').max(200),
  plan: z.string().trim().max(200).optional(),
  category: z.string().trim().max(200).optional(),
  amount: nonNegativeDecimalString,
  recurring: z.boolean().default(false),
});

export const orderDataSchema = z.object({
  customer: customerSchema,
  currency: currencySchema,
  lines: z.array(lineSchema).min(1, 'an order needs at least one line').max(500),
  visitorId: z.string().trim().min(1).max(200).optional(),
  clickId: z.string().trim().min(1).max(200).optional(),
  partnerCode: z.string().trim().min(1).max(100).optional(),
  coupons: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
});

export const refundDataSchema = z.object({
  // the sender id of the order being refunded
  orderId: z.string().trim().min(1, 'is required').max(200),
  // absent: the whole order
  amount: decimalString.refine((s) => !s.startsWith('-'), 'must not be negative').optional(),
});

export const milestoneDataSchema = z.object({
  customer: customerSchema,
  name: z.string().trim().min(1, 'is required').max(100),
});

const base = {
  id: z.string().trim().min(1, 'is required').max(200),
  occurredAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2026-01-05T10:00:00Z' }),
};

export const eventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('order'), data: orderDataSchema }),
  z.object({ ...base, type: z.literal('refund'), data: refundDataSchema }),
  z.object({ ...base, type: z.literal('milestone'), data: milestoneDataSchema }),
]);

export type IncomingEvent = z.infer<typeof eventSchema>;
export type OrderData = z.infer<typeof orderDataSchema>;

/** What the Stripe adapter keeps with an order it created, to find the order again from a refund. */
export interface StripeOrderTrace {
  object: string;
  id: string;
  refs: string[];
}
/** What the Stripe adapter keeps with a refund: the charge and how much of it was refunded so far. */
export interface StripeRefundTrace {
  charge: string;
  amountRefunded: number;
  amountCharged: number;
}

/** events.payload: the event as received, plus what a provider adapter needs to find it again. */
export type StoredEvent = IncomingEvent & { stripe?: StripeOrderTrace | StripeRefundTrace };
