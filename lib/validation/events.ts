import { z } from 'zod';
import { currencySchema } from './accounts';

// The body of POST /api/v1/events, also used by the seed, the scenario runner and the Stripe and
// Shopify adapters (which translate their payloads into this shape), so every bound below holds for
// all of them.

// --- amounts ---------------------------------------------------------------------------------------
// Amounts are bounded so that no sender can write an absurd commission (a 1e100 order) or overflow
// Postgres `numeric` (131,072 digits) into a 500:
// - at most 18 digits before the point, per line, per refund and for an order's total: above
//   10^13 US dollars even in the currencies with the most units to the dollar, still exact in
//   `numeric`, and leaving room within the engine's 40 significant digits for FX and percentages;
// - at most 6 digits after the point, whatever the unit: every currency's minor unit (at most 4,
//   e.g. CLF) and custom units' 4 decimals fit, and so do fractional minor units from metered or
//   pro-rated billing (and Stripe's two-decimal ISK), which are kept exactly rather than refused or
//   rounded here: the engine rounds the reward to its unit's precision, as the spec says.
export const MAX_AMOUNT_INTEGER_DIGITS = 18;
export const MAX_AMOUNT_DECIMALS = 6;
const AMOUNT = /^(-?)(\d+)(?:\.(\d+))?$/;

const amountSchema = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    const m = AMOUNT.exec(s);
    if (!m) return void ctx.addIssue({ code: 'custom', message: 'must be a plain decimal number such as 12.50' });
    if (m[1]) return void ctx.addIssue({ code: 'custom', message: 'must not be negative' });
    if (m[2].length > MAX_AMOUNT_INTEGER_DIGITS) ctx.addIssue({ code: 'custom', message: `must be below 10^${MAX_AMOUNT_INTEGER_DIGITS} (at most ${MAX_AMOUNT_INTEGER_DIGITS} digits before the point)` });
    if ((m[3] ?? '').length > MAX_AMOUNT_DECIMALS) ctx.addIssue({ code: 'custom', message: `must have at most ${MAX_AMOUNT_DECIMALS} decimal places` });
  });

/** A well-formed amount in millionths, as an exact integer (validation stays free of decimal libraries). */
const millionths = (amount: string): bigint => {
  const [whole, fraction = ''] = amount.trim().split('.');
  return BigInt(whole + fraction.padEnd(MAX_AMOUNT_DECIMALS, '0'));
};
const AMOUNT_LIMIT = 10n ** BigInt(MAX_AMOUNT_INTEGER_DIGITS + MAX_AMOUNT_DECIMALS);

// --- events ----------------------------------------------------------------------------------------

const emailSchema = z.string().trim().toLowerCase().email('must be a valid email address').max(254);

const customerSchema = z.object({
  externalId: z.string().trim().min(1, 'is required').max(200),
  email: emailSchema.optional(),
});

/**
 * A provider's email when it is one we can store, else undefined: Stripe and Shopify orders are paid
 * whatever their email looks like, and refusing them would lose the order (the provider cannot fix
 * it), so a malformed email is dropped instead. Our own events API still answers 400 for one.
 */
export function usableEmail(value: string | null | undefined): string | undefined {
  const parsed = emailSchema.safeParse(value ?? undefined);
  return parsed.success ? parsed.data : undefined;
}

const lineSchema = z.object({
  product: z.string().trim().min(1, 'is required').max(200),
  plan: z.string().trim().max(200).optional(),
  category: z.string().trim().max(200).optional(),
  amount: amountSchema,
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
}).superRefine((order, ctx) => {
  // only when every line is well formed (the lines' own issues name them otherwise)
  const lines: unknown = order.lines;
  if (!Array.isArray(lines) || !lines.every((l) => typeof l?.amount === 'string' && AMOUNT.test(l.amount.trim()) && !l.amount.includes('-'))) return;
  const total = order.lines.reduce((sum, l) => sum + millionths(l.amount), 0n);
  if (total >= AMOUNT_LIMIT) ctx.addIssue({ code: 'custom', path: ['lines'], message: `the order's total must be below 10^${MAX_AMOUNT_INTEGER_DIGITS}` });
});

export const refundDataSchema = z.object({
  // the sender id of the order being refunded
  orderId: z.string().trim().min(1, 'is required').max(200),
  // absent: the whole order
  amount: amountSchema.optional(),
});

export const milestoneDataSchema = z.object({
  customer: customerSchema,
  name: z.string().trim().min(1, 'is required').max(100),
});

// A time before 2000 is a sender's clock or parsing error (an epoch 0 turned into 1970), not an order.
const EARLIEST = Date.UTC(2000, 0, 1);

const base = {
  id: z.string().trim().min(1, 'is required').max(200),
  occurredAt: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2026-01-05T10:00:00Z' })
    .refine((s) => new Date(s).getTime() >= EARLIEST, 'must be in the year 2000 or later'),
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
