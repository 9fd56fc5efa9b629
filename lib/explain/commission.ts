import { explainAttribution } from './attribution';
import { explainRevenue } from './revenue';
import { appliedToWords, ruleWords, strategyWords } from './domain-words';
import type { ExplainContext, ExplainSection, JsonObject, Line } from './types';
import { exact, joinWords, list, money, nameOf, obj, plural, sameNumber, share, str, when } from './words';

/** "Order o-17 of customer c-9 on 3 Mar 2026, 14:05 UTC." */
export function eventSentence(event: JsonObject | undefined): string | null {
  if (!event) return null;
  const customer = str(event.customerId);
  const of = customer ? ` of customer ${customer}` : '';
  if (str(event.type) === 'milestone') return `Milestone “${str(event.name)}”${of} reached on ${when(event.at)} (event ${str(event.id)}).`;
  const orderId = str(event.orderId) ?? str(event.id);
  return `Order ${orderId}${of} on ${when(event.at)}.`;
}

function ruleSection(rule: JsonObject | undefined, computation: JsonObject | undefined, ctx: ExplainContext): ExplainSection | null {
  if (!rule) return null;
  const unit = ctx.unit;
  const position = Number(str(rule.index) ?? 0) + 1;
  const from = str(rule.source) === 'enrollment' ? 'this partner’s special terms' : 'the program';
  const lines: Line[] = [{ text: `Rule ${position} of ${from}: ${ruleWords(rule, unit)}.` }];
  const applied = appliedToWords(rule.appliedTo, unit);
  if (applied) lines.push({ text: `It was ${applied.startsWith('applied') ? applied : `paid because ${applied}`}.` });
  if (computation) {
    const splitAmong = Array.isArray(computation.splitAmong) ? computation.splitAmong : [];
    const partners = splitAmong.map((id) => nameOf(ctx, id, 'partner'));
    lines.push({ text: `At full credit the rule gives ${exact(computation.ruleAmountAtFullShare, unit)}.` });
    if (str(computation.combinedShare) !== '1') {
      lines.push({ text: `The partners paid by this rule hold ${share(computation.combinedShare)} of the credit together: ${exact(computation.exactTotal, unit)} at full precision.` });
    }
    lines.push({
      text: sameNumber(computation.exactTotal, computation.roundedTotal)
        ? `That is ${money(computation.roundedTotal, unit)} exactly: nothing to round.`
        : `Rounded half-up once to the unit’s precision: ${money(computation.roundedTotal, unit)}.`,
    });
    if (partners.length > 1) {
      lines.push({
        text: `Split between ${joinWords(partners)} by their shares with the largest-remainder method, so the parts add up to the total exactly; a leftover smallest unit goes to the partner whose first touch came first. This partner’s share: ${share(computation.partnerShare)}.`,
      });
    } else {
      lines.push({ text: 'Paid in full to this partner.' });
    }
  }
  return { key: 'rule', title: 'Rule and rounding', lines };
}

/** §4.4 in words: which program of the group paid this partner on this event, and why. */
export function explainGroup(group: JsonObject | undefined, ctx: ExplainContext, baseCurrency?: string): ExplainSection | null {
  if (!group) return null;
  const paidBy = str(group.paidBy);
  const lines: Line[] = [
    { text: `${nameOf(ctx, group.groupId, 'group')} pays a partner through one program per event: ${strategyWords(group.strategy)}.` },
  ];
  for (const c of list(group.candidates)) {
    const pays = str(c.programId) === paidBy;
    const total = str(c.totalBase);
    lines.push({
      text: `Rank ${str(c.rank)}: ${nameOf(ctx, c.programId, 'program')}${total ? `, reward worth ${money(total, baseCurrency)}${baseCurrency ? '' : ' in the base currency'}` : ''} — ${pays ? 'pays' : 'dropped for this partner on this event'}.`,
      tone: pays ? 'good' : 'refused',
    });
  }
  return { key: 'group', title: 'Program group', lines };
}

/**
 * A commission in plain words: the event, who got credit and why, the revenue and rates, the rule
 * with its base and rounding, the group decision, and the hold.
 */
export function explainCommission(x: JsonObject, ctx: ExplainContext): ExplainSection[] {
  const programName = nameOf(ctx, x.programId, 'program');
  const event = obj(x.event);
  const revenue = obj(x.revenue);
  const sections: ExplainSection[] = [];
  const what: Line[] = [];
  const sentence = eventSentence(event);
  if (sentence) what.push({ text: sentence });
  const holdDays = str(x.holdDays);
  if (holdDays !== undefined) {
    what.push({ text: holdDays === '0' ? 'The program has no hold: the entry was payable at once.' : `Held for ${plural(Number(holdDays), 'day')} after the event (the refund window), then payable.`, tone: 'muted' });
  }
  if (what.length) sections.push({ key: 'event', title: 'What happened', lines: what });
  const attribution = explainAttribution(obj(x.attribution), ctx, programName);
  if (attribution) sections.push(attribution);
  const revenueLines = explainRevenue(revenue, programName);
  if (revenueLines) sections.push(revenueLines);
  const rule = ruleSection(obj(x.rule), obj(x.computation), ctx);
  if (rule) sections.push(rule);
  const group = explainGroup(obj(x.group), ctx, str(revenue?.baseCurrency));
  if (group) sections.push(group);
  return sections;
}
