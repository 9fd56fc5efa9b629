import { classifyClicks, type ClickVerdict } from './clicks';
import { isPartnerApproved, isSelfReferral, sameEmail } from './eligibility';
import { daysToMs, toIso, toMs } from './time';
import type { CustomerRef, DealRegistration, EventSignals, ProgramConfig, RewardContext } from './types';

export type SignalKind = 'click' | 'partner_code' | 'coupon' | 'deal';
export type RefusalReason =
  | 'self_referral'
  | 'not_approved'
  | 'outside_window'
  | 'bot'
  | 'duplicate_click'
  | 'unknown_code'
  | 'deal_expired'
  | 'deal_not_approved';

export interface Touch {
  kind: SignalKind;
  /** Click id, link code, coupon code or deal id. */
  ref: string;
  partnerId: string;
  at: number;
  /** Arrival order; breaks ties in time. */
  seq: number;
}

export interface RefusedSignal {
  kind: SignalKind;
  ref: string;
  partnerId: string | null;
  reason: RefusalReason;
}

export interface ProgramTouches {
  /** Eligible touches, ordered by time then arrival. */
  touches: Touch[];
  /** Eligible coupon partners (listed order, distinct) when coupons override touches. */
  couponPartners: string[] | null;
  refused: RefusedSignal[];
}

/** The subject of attribution: who bought, when, and what the event carried. */
export interface AttributionSubject {
  customer: CustomerRef;
  signals: EventSignals;
  atMs: number;
}

export function dealMatchesCustomer(deal: DealRegistration, customer: CustomerRef): boolean {
  const { match } = deal;
  if (match.customerExternalId != null && match.customerExternalId === customer.externalId) return true;
  if (sameEmail(match.email, customer.email)) return true;
  if (match.emailDomain && customer.email) {
    const domain = customer.email.slice(customer.email.lastIndexOf('@') + 1);
    if (domain.toLowerCase() === match.emailDomain.trim().toLowerCase().replace(/^@/, '')) return true;
  }
  return false;
}

/** Shared checks for any signal of a partner in program P: self-referral first, then approval. */
function partnerRefusal(ctx: RewardContext, program: ProgramConfig, partnerId: string, subject: AttributionSubject): RefusalReason | null {
  if (isSelfReferral(ctx.partners, partnerId, subject.customer.email)) return 'self_referral';
  if (!isPartnerApproved(ctx.enrollments, partnerId, program.id, subject.atMs)) return 'not_approved';
  return null;
}

function clickRefusal(verdict: ClickVerdict | undefined): RefusalReason | null {
  return verdict === 'bot' || verdict === 'duplicate_click' ? verdict : null;
}

/**
 * Gathers program P's touches for one event (§4.1). Links and coupons count in every program
 * their partner is approved in; deal registrations only in their own program.
 */
export function gatherProgramTouches(ctx: RewardContext, program: ProgramConfig, subject: AttributionSubject): ProgramTouches {
  const touches: Touch[] = [];
  const refused: RefusedSignal[] = [];
  const verdicts = classifyClicks(ctx.clicks);
  const windowMs = daysToMs(program.windowDays);
  let seq = 0;

  for (const click of ctx.clicks) {
    const at = toMs(click.at);
    const age = subject.atMs - at;
    const reason =
      clickRefusal(verdicts.get(click.id)) ??
      partnerRefusal(ctx, program, click.partnerId, subject) ??
      (age < 0 || age > windowMs ? 'outside_window' : null);
    if (reason) refused.push({ kind: 'click', ref: click.id, partnerId: click.partnerId, reason });
    else touches.push({ kind: 'click', ref: click.id, partnerId: click.partnerId, at, seq });
    seq += 1;
  }

  for (const deal of ctx.deals) {
    if (deal.programId !== program.id || !dealMatchesCustomer(deal, subject.customer)) continue;
    const at = toMs(deal.registeredAt);
    if (at > subject.atMs) continue; // registered after the event: not a signal of it
    const expired = deal.expiresAt != null && toMs(deal.expiresAt) <= subject.atMs;
    const reason =
      (deal.approved === false ? 'deal_not_approved' : null) ??
      partnerRefusal(ctx, program, deal.partnerId, subject) ??
      (expired ? 'deal_expired' : null);
    if (reason) refused.push({ kind: 'deal', ref: deal.id, partnerId: deal.partnerId, reason });
    else touches.push({ kind: 'deal', ref: deal.id, partnerId: deal.partnerId, at, seq });
    seq += 1;
  }

  // The event's own touches arrive last, partner code first, then coupons as listed.
  const code = subject.signals.partnerCode;
  if (code) {
    const link = ctx.links.find((l) => l.code === code);
    const reason = link ? partnerRefusal(ctx, program, link.partnerId, subject) : 'unknown_code';
    if (reason) refused.push({ kind: 'partner_code', ref: code, partnerId: link?.partnerId ?? null, reason });
    else touches.push({ kind: 'partner_code', ref: code, partnerId: link!.partnerId, at: subject.atMs, seq });
    seq += 1;
  }

  const couponPartners: string[] = [];
  const couponTouches: Touch[] = [];
  for (const couponCode of subject.signals.coupons ?? []) {
    // Shoppers type coupon codes; match them case-insensitively.
    const coupon = ctx.coupons.find((c) => c.code.toLowerCase() === couponCode.toLowerCase());
    const reason = coupon ? partnerRefusal(ctx, program, coupon.partnerId, subject) : 'unknown_code';
    if (reason) {
      refused.push({ kind: 'coupon', ref: couponCode, partnerId: coupon?.partnerId ?? null, reason });
    } else {
      if (!couponPartners.includes(coupon!.partnerId)) couponPartners.push(coupon!.partnerId);
      couponTouches.push({ kind: 'coupon', ref: couponCode, partnerId: coupon!.partnerId, at: subject.atMs, seq });
    }
    seq += 1;
  }

  const override = (program.couponPrecedence ?? 'override') === 'override';
  if (!override) touches.push(...couponTouches);
  touches.sort((a, b) => a.at - b.at || a.seq - b.seq);
  return { touches, couponPartners: override && couponPartners.length > 0 ? couponPartners : null, refused };
}

export function describeTouch(touch: Touch): { kind: string; ref: string; partnerId: string; at: string } {
  return { kind: touch.kind, ref: touch.ref, partnerId: touch.partnerId, at: toIso(touch.at) };
}
