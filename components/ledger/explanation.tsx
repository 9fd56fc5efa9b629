import { explainEntry } from '@/lib/explain/entry';
import type { JsonObject } from '@/lib/explain/types';
import { ExplainSections } from '../explain/explain-sections';

/**
 * Why an entry has its amount, in plain words (lib/explain): the event, every signal considered and
 * refused, the model and shares, revenue and FX, the rule with its base and rounding, the group
 * decision; for reversals the refund behind them; for bonuses the pool, metric and every partner's
 * contribution. `names` turns ids into names; the partner portal passes "you" and "another
 * partner" for partner ids, so other partners stay anonymous. `unit` is the entry's unit (the
 * explanation stores amounts without it); `partnerId` marks the entry's own line in a pool's table.
 */
export function Explanation({
  explanation,
  names,
  unit,
  partnerId,
}: {
  explanation: JsonObject;
  names: Record<string, string>;
  unit?: string;
  partnerId?: string;
}) {
  const revenueUnit = explanation.revenue && typeof explanation.revenue === 'object' && !Array.isArray(explanation.revenue) ? explanation.revenue.unit : undefined;
  const sections = explainEntry(explanation, { names, unit: unit ?? (typeof revenueUnit === 'string' ? revenueUnit : undefined) }, partnerId);
  if (sections.length === 0) return <p className="text-sm text-slate-500">This entry carries no explanation.</p>;
  return <ExplainSections sections={sections} entryLinkLabel="Open the original entry" />;
}
