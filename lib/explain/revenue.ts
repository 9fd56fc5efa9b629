import type { ExplainSection, JsonObject, Line } from './types';
import { exact, plural, possessive, str } from './words';

/**
 * Revenue and FX in words (§4.5): the lines in the program's scope, the rate from the order's
 * currency to the base currency, and the unit the program pays in.
 */
export function explainRevenue(revenue: JsonObject | undefined, programName: string): ExplainSection | null {
  if (!revenue) return null;
  const currency = str(revenue.currency);
  const base = str(revenue.baseCurrency);
  const unit = str(revenue.unit);
  const lines: Line[] = [];
  const count = Number(str(revenue.qualifyingLines) ?? 0);
  lines.push({
    text: count === 0
      ? `No line of the order is in ${possessive(programName)} scope, so revenue-based rules pay nothing.`
      : `${plural(count, 'line')} of the order ${count === 1 ? 'is' : 'are'} in ${possessive(programName)} scope: ${exact(revenue.qualifying, currency)} of qualifying revenue.`,
  });
  if (count > 0 && currency !== base) {
    lines.push({ text: `At the rate in force at the order’s time, 1 ${currency} = ${str(revenue.fxRateToBase)} ${base}, so that is ${exact(revenue.qualifyingBase, base)} in the base currency.` });
  }
  if (count > 0 && unit !== base) {
    lines.push({ text: `The program pays in ${unit}, worth ${str(revenue.unitValueInBase)} ${base} each: revenue is divided by that value.` });
  }
  if (count > 0) {
    lines.push({ text: `In the program’s unit: ${exact(revenue.nonRecurringInUnit, unit)} one-time and ${exact(revenue.recurringInUnit, unit)} recurring (full precision; only the reward is rounded).`, tone: 'muted' });
  }
  return { key: 'revenue', title: 'Revenue and exchange rates', lines };
}
