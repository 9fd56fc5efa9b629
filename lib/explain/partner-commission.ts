import { Decimal } from '../engine';
import { isCurrencyCode } from '../engine/units';
import { unitPrecision } from '../format';
import { ruleWords } from './domain-words';
import { explainCreditForPartner } from './partner-credit';
import type { PartnerEntryFacts, PartnerExplanation } from './partner-types';
import { customerWords, partnerStrategyWords, precisionWords, readableExact, recurringMonth, shareWords } from './partner-words';
import type { ExplainSection, JsonObject, Line } from './types';
import { cap, day, exact, list, money, nameOf, obj, plural, possessive, sameNumber, str, when } from './words';

/**
 * "2,000.00 USD", or for a custom unit "32,900 points (329.00 USD)": what a share of revenue was
 * applied to. Exact where the arithmetic is shown; `rounded` (the headline) rounds to the unit and
 * says "about" when that changed the figure (revenue converted at a rate rarely ends in cents).
 */
function revenueBase(amount: string, unit: string, revenue: JsonObject | undefined, rounded = false): string {
  const base = str(revenue?.baseCurrency);
  const value = str(revenue?.unitValueInBase);
  const places = unitPrecision(unit);
  const inexact = places !== null && !new Decimal(amount).toDecimalPlaces(places).eq(amount);
  const shown = rounded ? `${inexact ? 'about ' : ''}${money(amount, unit)}` : readableExact(amount, unit);
  if (isCurrencyCode(unit) || !base || !value) return shown;
  return `${shown} (${money(new Decimal(amount).times(value).toFixed(), base)})`;
}

/** The headline's first part: what the rule paid for, on which order or milestone. */
function ruleClause(f: PartnerEntryFacts, rule: JsonObject, event: JsonObject | undefined, customer: string | null): string {
  const of = customer ? ` (${customer})` : '';
  const order = `order ${str(event?.orderId) ?? str(event?.id)}${of}`;
  const applied = str(rule.appliedTo) ?? '';
  const revenue = obj(f.explanation.revenue);
  const onRevenue = applied.startsWith('revenue ') ? revenueBase(applied.slice(8), f.unit, revenue, true) : null;
  switch (str(rule.type)) {
    case 'one_time_share':
      return `${str(rule.percent)}% of ${onRevenue ? `${onRevenue} of ` : ''}one-time revenue from ${order}`;
    case 'recurring_share': {
      const a = obj(f.explanation.attribution);
      const month = recurringMonth(str(a?.source) === 'binding' ? a?.boundAt : event?.at, event?.at);
      const months = str(rule.durationMonths);
      const which = month === null ? '' : months ? `, month ${month} of ${months}` : `, month ${month} (for as long as the customer pays)`;
      return `${str(rule.percent)}% of ${onRevenue ? `${onRevenue} of ` : ''}subscription revenue from ${order}${which}`;
    }
    case 'per_customer':
      return `a ${money(rule.amount, f.unit)} new-customer fee for ${order}`;
    case 'per_order':
      return `a ${money(rule.amount, f.unit)} fee for ${order}`;
    case 'milestone':
      return `${money(rule.amount, f.unit)} because ${customer ?? 'a customer you referred'} reached “${str(rule.name) ?? str(event?.name)}”`;
    default:
      return `a reward for ${order}`;
  }
}

function eventLines(f: PartnerEntryFacts, event: JsonObject | undefined, customer: string | null, special: boolean): Line[] {
  const program = f.programName ?? nameOf(f, f.explanation.programId, 'program');
  const lines: Line[] = [];
  if (str(event?.type) === 'milestone') {
    lines.push({ text: `${customer ? `Customer ${customer}` : 'A customer you referred'} reached the milestone “${str(event?.name)}” on ${when(event?.at)}, in ${program}.` });
  } else if (event) {
    lines.push({ text: `Order ${str(event.orderId) ?? str(event.id)}${customer ? ` of ${customer}` : ''} on ${when(event.at)}, in ${program}.` });
  }
  const version = str(f.explanation.programVersion);
  if (version) lines.push({ text: `Computed with version ${version} of ${possessive(program)} terms${special ? ' and your special terms' : ''}.`, tone: 'muted' });
  return lines;
}

function revenueLines(revenue: JsonObject | undefined, program: string): Line[] {
  if (!revenue) return [];
  const currency = str(revenue.currency);
  const base = str(revenue.baseCurrency);
  const unit = str(revenue.unit) ?? '';
  const count = Number(str(revenue.qualifyingLines) ?? 0);
  if (count === 0) return [{ text: `No line of the order counts in ${program}, so a share of revenue pays nothing here.`, tone: 'muted' }];
  const lines: Line[] = [{ text: `${plural(count, 'line')} of the order ${count === 1 ? 'counts' : 'count'} in ${program}: ${exact(revenue.qualifying, currency)} of qualifying revenue.` }];
  // an order in the program's own currency needs no conversion words (it converts there and back)
  if (currency !== base && currency !== unit) lines.push({ text: `The order was in ${currency}: at the merchant’s rate for that day, 1 ${currency} = ${str(revenue.fxRateToBase)} ${base}, that is ${exact(revenue.qualifyingBase, base)}.` });
  if (unit !== base && unit !== currency) {
    lines.push({
      text: isCurrencyCode(unit)
        ? `The program pays in ${unit} (1 ${unit} = ${str(revenue.unitValueInBase)} ${base}), so revenue is converted to ${unit}.`
        : `The program pays in ${unit}, each worth ${str(revenue.unitValueInBase)} ${base}, so revenue is counted in ${unit}.`,
    });
  }
  const oneTime = str(revenue.nonRecurringInUnit) ?? '0';
  const recurring = str(revenue.recurringInUnit) ?? '0';
  if (!sameNumber(oneTime, '0') && !sameNumber(recurring, '0')) {
    lines.push({ text: `Of this, ${exact(oneTime, unit)} is one-time and ${exact(recurring, unit)} subscription revenue.`, tone: 'muted' });
  }
  return lines;
}

/** The rule, why it applied, and the arithmetic from the rule's amount to the partner's part. */
function rewardLines(f: PartnerEntryFacts, rule: JsonObject, computation: JsonObject | undefined, event: JsonObject | undefined): Line[] {
  const unit = f.unit;
  const special = str(rule.source) === 'enrollment';
  const lines: Line[] = [{ text: `${special ? 'Your special terms' : 'The program’s terms'}: ${ruleWords(rule, unit)}.` }];
  const applied = str(rule.appliedTo) ?? '';
  if (applied === 'first_qualifying_order') lines.push({ text: 'This is the customer’s first qualifying order in the program.' });
  if (applied === 'qualifying_order') lines.push({ text: 'The order has at least one qualifying line.' });
  if (applied.startsWith('milestone ')) lines.push({ text: 'The customer reached this milestone for the first time.' });
  if (str(rule.type) === 'recurring_share') {
    const a = obj(f.explanation.attribution);
    const since = str(a?.source) === 'binding' ? a?.boundAt : event?.at;
    const month = recurringMonth(since, event?.at);
    const months = str(rule.durationMonths);
    if (month !== null) lines.push({ text: `This order falls in month ${month}${months ? ` of ${months}` : ''} since the customer was first credited, on ${day(since)}.` });
  }
  if (!computation) return lines;
  const full = str(computation.ruleAmountAtFullShare);
  const combined = str(computation.combinedShare) ?? '1';
  const partners = Array.isArray(computation.splitAmong) ? computation.splitAmong.length : 1;
  const whole = partners > 1 || combined !== '1' ? ' with all the credit' : '';
  if (applied.startsWith('revenue ')) lines.push({ text: `${str(rule.percent)}% of ${revenueBase(applied.slice(8), unit, obj(f.explanation.revenue))} = ${readableExact(full, unit)}${whole}.` });
  else if (whole) lines.push({ text: `The rule gives ${readableExact(full, unit)}${whole}.` });
  if (combined !== '1') lines.push({ text: `${partners > 1 ? 'The partners on these terms hold' : 'You hold'} ${shareWords(combined)} of the credit: ${readableExact(computation.exactTotal, unit)}.` });
  if (!sameNumber(computation.exactTotal, computation.roundedTotal)) {
    lines.push({ text: `Rounded to ${precisionWords(unit)} (halves round up): ${money(computation.roundedTotal, unit)}.` });
  }
  if (partners > 1) {
    lines.push({ text: `Shared between ${plural(partners, 'partner')} by their credit: your share (${shareWords(computation.partnerShare)}) is ${money(f.amount, unit)}. The parts are rounded so that they add up to exactly ${money(computation.roundedTotal, unit)}; a leftover from rounding goes to the partner who referred the customer first.`, tone: 'good' });
  } else {
    lines.push({ text: `All of it is yours: ${money(f.amount, unit)}.`, tone: 'good' });
  }
  return lines;
}

/** A program group's decision, only ever about this partner's own programs. */
function groupLines(f: PartnerEntryFacts, group: JsonObject | undefined, eventType: string | undefined): Line[] {
  if (!group || str(group.partnerId) !== f.partnerId) return [];
  const paidBy = str(group.paidBy);
  const lines: Line[] = [{ text: `${nameOf(f, group.groupId, 'group')} pays you through one of its programs per ${eventType === 'milestone' ? 'event' : 'order'}: ${partnerStrategyWords(group.strategy)}.` }];
  for (const c of list(group.candidates)) {
    const pays = str(c.programId) === paidBy;
    lines.push({ text: `${nameOf(f, c.programId, 'program')} (rank ${str(c.rank)}): ${pays ? 'pays you for this order' : 'does not pay you for this order'}.`, tone: pays ? 'good' : 'muted' });
  }
  return lines;
}

function holdLine(f: PartnerEntryFacts, eventType: string | undefined): Line {
  const hold = str(f.explanation.holdDays);
  const payable = day(f.payableAt instanceof Date ? f.payableAt : new Date(f.payableAt));
  if (hold === undefined || hold === '0') return { text: `The program pays without a waiting period: payable from ${payable}.` };
  return { text: `The merchant waits ${plural(Number(hold), 'day')} after ${eventType === 'milestone' ? 'the milestone' : 'the order'} before a reward can be paid (its refund window): payable from ${payable}.` };
}

/**
 * A commission (order or milestone) in the partner's words: "15% of 200.00 USD of subscription
 * revenue from order ord_0032 (j•••@acme.com), month 3 of 12; you were the last partner to refer
 * this customer (click on 17 Nov 2026); payable from 7 Dec 2026", and the sections behind it.
 */
export function explainCommissionForPartner(f: PartnerEntryFacts): PartnerExplanation {
  const x = f.explanation;
  const event = obj(x.event);
  const rule = obj(x.rule) ?? {};
  const computation = obj(x.computation);
  const customer = customerWords(f.customer, { showEmails: f.showEmails });
  const credit = explainCreditForPartner(obj(x.attribution), f.partnerId);
  const split = computation && (str(computation.partnerShare) !== '1' || str(computation.combinedShare) !== '1') ? `your part: ${money(f.amount, f.unit)}` : null;
  const payable = `payable from ${day(f.payableAt instanceof Date ? f.payableAt : new Date(f.payableAt))}`;
  // a sentence of its own: "A 50.00 USD new-customer fee …" (a rule clause never starts with a name)
  const headline = cap([ruleClause(f, rule, event, customer), credit?.clause, split, payable].filter(Boolean).join('; '));

  const program = f.programName ?? nameOf(f, x.programId, 'program');
  const sections: ExplainSection[] = [{ key: 'event', title: 'What happened', lines: eventLines(f, event, customer, str(rule.source) === 'enrollment') }];
  if (credit) sections.push({ key: 'credit', title: 'Why you get credit', lines: credit.lines });
  const revenue = revenueLines(obj(x.revenue), program);
  if (revenue.length) sections.push({ key: 'revenue', title: 'Revenue', lines: revenue });
  sections.push({ key: 'reward', title: 'Your reward', lines: rewardLines(f, rule, computation, event) });
  const group = groupLines(f, obj(x.group), str(event?.type));
  if (group.length) sections.push({ key: 'group', title: 'Which program pays', lines: group });
  sections.push({ key: 'payable', title: 'When it is paid', lines: [holdLine(f, str(event?.type))] });
  return { headline, sections };
}
