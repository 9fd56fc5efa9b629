import { explainAttribution } from './attribution';
import { explainGroup, eventSentence } from './commission';
import { appliedToWords, refusalWords, ruleWords, strategyWords } from './domain-words';
import { explainAdjustment, refundSentence } from './refund';
import { explainRevenue } from './revenue';
import type { EventResultEntry } from '../domain/events';
import type { ExplainContext, ExplainSection, JsonObject, Line } from './types';
import { cap, exact, joinWords, list, money, nameOf, obj, plural, possessive, sameNumber, share, str, when } from './words';

/** An entry the event wrote (as its stored result lists it), with its explanation. */
export interface EventEntryForExplain extends EventResultEntry {
  explanation: JsonObject;
}

/** What the event page knows about one stored event, all read inside the workspace. */
export interface EventForExplain {
  type: string;
  senderId: string;
  occurredAt: Date | string;
  status: string;
  errorCode: string | null;
  /** the payload's `data` as stored */
  data: JsonObject;
  customer: { externalId: string; email: string | null } | null;
  entries: EventEntryForExplain[];
  /** what an order credited each partner per program, rewarded or not (order_credits) */
  credits: { programId: string; partnerId: string; share: string }[];
  /** a refund's order: its currency, how many rewards it paid, and what this refund applied */
  order?: {
    senderId: string;
    occurredAt: Date | string;
    currency?: string | null;
    commissions?: number;
    applied?: { amount: string; fraction: string } | null;
  } | null;
  /** an order's later refunds, as applied */
  refunds?: { senderId: string; occurredAt: Date | string; appliedAmount: string }[];
  /**
   * Per program, the engine's attribution account even where nothing was paid (events.accounts;
   * events recorded before it was kept are described from their credits only).
   */
  programAccounts?: { programId: string; explanation: JsonObject }[];
}

type Signal = { kind: 'click' | 'partner_code' | 'coupon'; ref: string; label: string };

function signalsOf(data: JsonObject): Signal[] {
  const signals: Signal[] = [];
  const clickId = str(data.clickId);
  if (clickId) signals.push({ kind: 'click', ref: clickId, label: `Click id ${clickId}` });
  const code = str(data.partnerCode);
  if (code) signals.push({ kind: 'partner_code', ref: code, label: `Partner code “${code}”` });
  for (const c of Array.isArray(data.coupons) ? data.coupons : []) {
    const coupon = str(c);
    if (coupon) signals.push({ kind: 'coupon', ref: coupon, label: `Coupon “${coupon}”` });
  }
  return signals;
}

const sameRef = (s: Signal, ref: string | undefined) => (s.kind === 'coupon' ? ref?.toLowerCase() === s.ref.toLowerCase() : ref === s.ref);

/** Per program, what became of each signal the event carried. */
function signalLines(data: JsonObject, accounts: Map<string, JsonObject>, ctx: ExplainContext): Line[] {
  const lines: Line[] = [];
  const visitor = str(data.visitorId);
  if (visitor) lines.push({ text: `Visitor id ${visitor}: the customer’s clicks through this visitor are looked at in every program (listed per program below).`, tone: 'muted' });
  for (const signal of signalsOf(data)) {
    const verdicts: Line[] = [];
    for (const [programId, attribution] of accounts) {
      const program = nameOf(ctx, programId, 'program');
      if (str(attribution.source) === 'binding') {
        verdicts.push({ text: `${signal.label} in ${program}: not looked at, the customer is bound there.`, tone: 'muted' });
        continue;
      }
      const touch = list(attribution.touches).find((t) => str(t.kind) === signal.kind && sameRef(signal, str(t.ref)));
      const refused = list(attribution.refused).find((r) => str(r.kind) === signal.kind && sameRef(signal, str(r.ref)));
      if (touch) verdicts.push({ text: `${signal.label} in ${program}: counted for ${nameOf(ctx, touch.partnerId, 'partner')}.`, tone: 'good' });
      else if (refused) verdicts.push({ text: `${signal.label} in ${program}: refused, ${refusalWords(refused.reason)}.`, tone: 'refused' });
    }
    lines.push(...(verdicts.length ? verdicts : [{ text: `${signal.label}: carried by the event; no program that paid or credited anyone counted it.`, tone: 'muted' as const }]));
  }
  if (lines.length === 0) lines.push({ text: 'The event carried no click id, partner code or coupon: only the customer’s own history (clicks of its visitors, deal registrations, bindings) could credit a partner.', tone: 'muted' });
  return lines;
}

function entryLine(e: EventEntryForExplain, ctx: ExplainContext): Line {
  const who = cap(nameOf(ctx, e.partnerId, 'partner'));
  const rule = obj(e.explanation.rule);
  const computation = obj(e.explanation.computation);
  const applied = appliedToWords(rule?.appliedTo, e.unit);
  const rounding = computation && !sameNumber(computation.exactTotal, computation.roundedTotal)
    ? ` The rule’s total ${exact(computation.exactTotal, e.unit)} was rounded half-up to ${money(computation.roundedTotal, e.unit)}${str(computation.partnerShare) !== '1' ? ` and this partner’s ${share(computation.partnerShare)} taken by largest remainder` : ''}.`
    : '';
  const terms = rule ? ` by ${str(rule.source) === 'enrollment' ? 'its special terms' : 'the program’s rule'}: ${ruleWords(rule, e.unit)}${applied.startsWith('applied') ? `, ${applied}` : ''}.` : '.';
  return { text: `${who} earns ${money(e.amount, e.unit)}${terms}${rounding}`, tone: 'good', entryId: e.id };
}

/** One program's part of an order or milestone: who got credit, revenue, each entry, the group. */
/** Group decisions written on any entry of the event that dropped this program for a partner. */
function droppedBy(programId: string, partnerId: string, all: EventEntryForExplain[]): JsonObject | undefined {
  for (const e of all) {
    const group = obj(e.explanation.group);
    const dropped = Array.isArray(group?.dropped) ? group.dropped : [];
    if (group && str(group.partnerId) === partnerId && dropped.includes(programId)) return group;
  }
  return undefined;
}

function programSection(
  programId: string,
  entries: EventEntryForExplain[],
  attribution: JsonObject | undefined,
  credits: EventForExplain['credits'],
  all: EventEntryForExplain[],
  ctx: ExplainContext,
): ExplainSection {
  const name = nameOf(ctx, programId, 'program');
  const lines: Line[] = [];
  const first = entries[0]?.explanation;
  const account = explainAttribution(attribution, ctx, name);
  if (account) lines.push(...account.lines);
  else if (credits.length) {
    lines.push({ text: `Credited: ${joinWords(credits.map((c) => `${nameOf(ctx, c.partnerId, 'partner')} (${share(c.share)})`))}.`, tone: 'good' });
  }
  const revenue = first ? explainRevenue(obj(first.revenue), name) : null;
  if (revenue) lines.push(...revenue.lines);
  if (first) {
    const version = str(first.programVersion);
    if (version) lines.push({ text: `Computed with version ${version} of ${possessive(name)} terms.`, tone: 'muted' });
  }
  if (entries.length) lines.push(...entries.map((e) => entryLine(e, ctx)));
  for (const c of credits) {
    if (entries.some((e) => e.partnerId === c.partnerId)) continue;
    const group = droppedBy(programId, c.partnerId, all);
    lines.push(
      group
        ? { text: `${cap(nameOf(ctx, c.partnerId, 'partner'))} is paid nothing here: ${nameOf(ctx, group.groupId, 'group')} pays through ${nameOf(ctx, group.paidBy, 'program')} instead, since ${strategyWords(group.strategy)}.`, tone: 'refused' }
        : { text: `${cap(nameOf(ctx, c.partnerId, 'partner'))} is paid nothing here: no rule of the program gave an amount (no qualifying line, a one-off reward already used, or zero after rounding).`, tone: 'muted' },
    );
  }
  const seen = new Set<string>();
  for (const e of entries) {
    const group = obj(e.explanation.group);
    const key = `${str(group?.groupId)}|${e.partnerId}`;
    if (!group || seen.has(key) || str(group.paidBy) !== programId) continue;
    seen.add(key);
    const g = explainGroup(group, ctx, str(obj(first?.revenue)?.baseCurrency));
    if (g) lines.push({ text: `For ${nameOf(ctx, e.partnerId, 'partner')}:` }, ...g.lines);
  }
  return { key: `program:${programId}`, title: name, lines };
}

function summary(ev: EventForExplain): Line[] {
  const lines: Line[] = [];
  const customer = ev.customer ? `customer ${ev.customer.externalId}${ev.customer.email ? ` (${ev.customer.email})` : ''}` : 'no known customer';
  if (ev.type === 'order') {
    const lineCount = Array.isArray(ev.data.lines) ? ev.data.lines.length : 0;
    lines.push({ text: `Order ${ev.senderId} of ${customer} on ${when(ev.occurredAt)}, ${plural(lineCount, 'line')} in ${str(ev.data.currency) ?? 'an unknown currency'}.` });
  } else if (ev.type === 'milestone') {
    lines.push({ text: `Milestone “${str(ev.data.name)}” of ${customer} on ${when(ev.occurredAt)}.` });
  } else {
    const amount = str(ev.data.amount);
    lines.push({ text: `Refund ${ev.senderId} of order ${str(ev.data.orderId)} on ${when(ev.occurredAt)}, ${amount ? `for ${money(amount, ev.order?.currency ?? undefined)}` : 'for the whole order'}.` });
  }
  if (ev.status !== 'processed') {
    lines.push({ text: `Status: ${ev.status}${ev.errorCode ? ` (${ev.errorCode})` : ''}; nothing was computed from it.`, tone: 'refused' });
    return lines;
  }
  lines.push({
    text: ev.entries.length
      ? `${plural(ev.entries.length, 'ledger entry', 'ledger entries')} written, to ${plural(new Set(ev.entries.map((e) => e.partnerId)).size, 'partner')}.`
      : 'No ledger entry was written for this event.',
    tone: ev.entries.length ? 'good' : 'muted',
  });
  return lines;
}

/**
 * An event's outcome in plain words: what it was, every signal it carried and what each program
 * made of it, each program's credit, revenue and entries with their rules and rounding, the group
 * decisions; for a refund, each entry it reversed or clawed back; for an order, its later refunds.
 */
export function explainEvent(ev: EventForExplain, ctx: ExplainContext): ExplainSection[] {
  const sections: ExplainSection[] = [{ key: 'summary', title: 'What happened', lines: summary(ev) }];
  if (ev.status !== 'processed') return sections;

  if (ev.type === 'refund') {
    const lines: Line[] = [];
    const currency = ev.order?.currency ?? undefined;
    if (ev.order) lines.push({ text: `It refunds order ${ev.order.senderId} of ${when(ev.order.occurredAt)}.` });
    const firstRefund = obj(ev.entries[0]?.explanation.refund);
    if (firstRefund) lines.push({ text: refundSentence(firstRefund, currency) });
    else if (ev.order?.applied) {
      lines.push({ text: `${money(ev.order.applied.amount, currency)} of the order was applied, ${share(ev.order.applied.fraction)} of its total (a refund never goes beyond what is left).` });
    }
    for (const e of ev.entries) {
      const [section] = explainAdjustment(e.explanation, { ...ctx, unit: e.unit });
      const program = nameOf(ctx, e.programId, 'program');
      lines.push({ text: `${e.kind === 'clawback' ? 'Clawback' : 'Reversal'} of ${money(e.amount, e.unit)} for ${nameOf(ctx, e.partnerId, 'partner')} in ${program} (${e.rule?.replaceAll('_', ' ') ?? 'reward'}):`, tone: 'refused', entryId: e.id });
      lines.push(...(section?.lines.slice(1) ?? []));
    }
    if (ev.entries.length === 0) {
      lines.push({
        text: ev.order && ev.order.commissions === 0
          ? 'The order paid no reward, so there was nothing to reverse.'
          : 'Nothing was reversed: no revenue share of the order was left to reduce, flat fees are reversed only by a full refund, and milestone rewards never are.',
        tone: 'muted',
      });
    }
    sections.push({ key: 'refund', title: 'What the refund reversed', lines });
    return sections;
  }

  const accounts = new Map<string, JsonObject>();
  for (const a of ev.programAccounts ?? []) accounts.set(a.programId, a.explanation);
  for (const e of ev.entries) {
    const attribution = obj(e.explanation.attribution);
    if (e.programId && attribution && !accounts.has(e.programId)) accounts.set(e.programId, attribution);
  }
  sections.push({ key: 'signals', title: 'Signals on the event', lines: signalLines(ev.data, accounts, ctx) });

  const programIds = [...new Set([...ev.entries.map((e) => e.programId).filter((id): id is string => Boolean(id)), ...ev.credits.map((c) => c.programId), ...accounts.keys()])];
  for (const programId of programIds) {
    const entries = ev.entries.filter((e) => e.programId === programId);
    const credits = ev.credits.filter((c) => c.programId === programId);
    const attribution = accounts.get(programId);
    if (!entries.length && !credits.length && str(attribution?.source) === 'none' && !list(attribution?.refused).length && !list(attribution?.touches).length) continue;
    sections.push(programSection(programId, entries, attribution, credits, ev.entries, ctx));
  }
  if (programIds.length === 0) {
    sections.push({
      key: 'nobody',
      title: 'No partner credited',
      lines: [{ text: 'No program credited a partner for this event: no signal it carried or the customer had was counted. A refused signal is recorded with the rewards of the event, and this one wrote none.', tone: 'muted' }],
    });
  }
  if (ev.type === 'order' && ev.refunds?.length) {
    sections.push({
      key: 'refunds',
      title: 'Later refunds',
      lines: ev.refunds.map((r) => ({ text: `Refund ${r.senderId} on ${when(r.occurredAt)} returned ${money(r.appliedAmount, str(ev.data.currency))}.` })),
    });
  }
  return sections;
}

export { eventSentence };
