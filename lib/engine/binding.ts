import { attributeTouches, couponOverrideShares, type PartnerShare } from './attribution';
import { isPartnerApproved } from './eligibility';
import type { Json } from './ledger';
import { divRatio, formatRatio, parseRatio, sumRatios } from './ratio';
import { toIso, toMs, type Instant } from './time';
import { describeTouch, gatherProgramTouches, type AttributionSubject, type RefusedSignal } from './touches';
import type { CustomerBinding, ProgramConfig, RewardContext } from './types';

/** Who program P credits on one event, and whether this event binds the customer. */
export interface ProgramCredit {
  programId: string;
  source: 'binding' | 'coupon_override' | 'touches' | 'none';
  /** Partners credited on this event (approved now), in first-touch order. */
  credited: PartnerShare[];
  /** Binding time: of the existing binding, or of this event when it binds. */
  boundAt: number | null;
  newBinding: CustomerBinding | null;
  /** JSON account of the signals, refusals and shares, for every entry's explanation. */
  explanation: { [key: string]: Json };
}

export function formatShares(shares: readonly PartnerShare[]): { partnerId: string; share: string }[] {
  return shares.map((s) => ({ partnerId: s.partnerId, share: formatRatio(s.share) }));
}

function refusedJson(refused: readonly RefusedSignal[]): Json {
  return refused.map((r) => ({ kind: r.kind, ref: r.ref, partnerId: r.partnerId, reason: r.reason }));
}

/**
 * §4.1–4.3: a bound customer keeps its binding's shares (never re-attributed), minus partners no
 * longer approved — their share is simply not paid, the others keep theirs. An unbound customer is
 * attributed from its touches, and the first event that credits anyone binds it.
 */
export function resolveProgramCredit(
  ctx: RewardContext,
  program: ProgramConfig,
  subject: AttributionSubject,
): ProgramCredit {
  const binding = ctx.bindings.find((b) => b.programId === program.id && b.customerId === subject.customer.externalId);
  if (binding) {
    // Normalised by their sum: a no-op for exact shares, and it keeps shares that were stored as
    // truncated decimals (0.3333…) from losing a cent to rounding.
    const stored = binding.shares.map((s) => ({ partnerId: s.partnerId, share: parseRatio(s.share) }));
    const total = sumRatios(stored.map((s) => s.share));
    const bound = total.n === 0n ? [] : stored.map((s) => ({ partnerId: s.partnerId, share: divRatio(s.share, total) }));
    const credited = bound.filter((s) => isPartnerApproved(ctx.enrollments, s.partnerId, program.id, subject.atMs));
    const unpaid = bound.filter((s) => !credited.includes(s)).map((s) => ({ partnerId: s.partnerId, reason: 'not_approved' }));
    return {
      programId: program.id,
      source: 'binding',
      credited,
      boundAt: toMs(binding.boundAt),
      newBinding: null,
      explanation: {
        source: 'binding',
        bindingSource: binding.source,
        boundAt: toIso(binding.boundAt),
        // a manual binding's reason and author travel with every reward it produces
        ...(binding.manual ? { manual: { reason: binding.manual.reason, boundBy: binding.manual.boundBy } } : {}),
        shares: formatShares(bound),
        unpaid,
      },
    };
  }

  const gathered = gatherProgramTouches(ctx, program, subject);
  const credited = gathered.couponPartners
    ? couponOverrideShares(gathered.couponPartners)
    : attributeTouches(program.model, gathered.touches);
  const source = credited.length === 0 ? 'none' : gathered.couponPartners ? 'coupon_override' : 'touches';
  const newBinding: CustomerBinding | null =
    credited.length === 0
      ? null
      : {
          programId: program.id,
          customerId: subject.customer.externalId,
          boundAt: toIso(subject.atMs),
          source: 'attribution',
          shares: formatShares(credited),
        };
  return {
    programId: program.id,
    source,
    credited,
    boundAt: newBinding ? subject.atMs : null,
    newBinding,
    explanation: {
      source,
      model: gathered.couponPartners ? 'coupon_override' : program.model,
      couponPrecedence: program.couponPrecedence ?? 'override',
      touches: gathered.touches.map(describeTouch),
      refused: refusedJson(gathered.refused),
      shares: formatShares(credited),
    },
  };
}

/** Manual attribution by the merchant: the customer is bound to one partner with share 1. */
export function bindCustomerManually(input: {
  programId: string;
  customerId: string;
  partnerId: string;
  at: Instant;
  reason?: string | null;
  boundBy?: string | null;
}): CustomerBinding {
  return {
    programId: input.programId,
    customerId: input.customerId,
    boundAt: toIso(input.at),
    source: 'manual',
    shares: [{ partnerId: input.partnerId, share: '1' }],
    manual: { reason: input.reason ?? null, boundBy: input.boundBy ?? null },
  };
}
