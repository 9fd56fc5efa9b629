import type { LinkOutcome } from '@/db/queries/portal-links';
import { formatAmount, formatNumber } from '@/lib/format';

/** Conversion = customers ÷ visitors, one decimal; a dash when no one visited (not 0%). */
export function conversionText(customers: number, visitors: number): string {
  if (visitors === 0) return '—';
  return `${((customers * 100) / visitors).toFixed(1).replace(/\.0$/, '')}%`;
}

const num = 'text-right tabular-nums whitespace-nowrap';

export interface OutcomeColumn {
  key: keyof LinkOutcome | 'conversion';
  header: string;
  /** set when the links table can sort by it */
  sortKey?: string;
  title: string;
}

// One list, so the links table and the sub-id summary show the same numbers in the same order.
export const OUTCOME_COLUMNS: OutcomeColumn[] = [
  { key: 'clicks', header: 'Clicks', sortKey: 'clicks', title: 'Human clicks, repeats included; bots are left out' },
  { key: 'visitors', header: 'Visitors', sortKey: 'visitors', title: 'Different visitors who clicked' },
  { key: 'customers', header: 'Customers', sortKey: 'customers', title: 'Customers whose last click on your links before they became your customer was here' },
  { key: 'orders', header: 'Orders', title: 'Orders of those customers that credited you' },
  { key: 'revenue', header: 'Revenue', sortKey: 'revenue', title: 'Revenue of those orders credited to you, before refunds' },
  { key: 'conversion', header: 'Conversion', title: 'Customers ÷ visitors' },
];

export const outcomeCellClass = num;

/** The text of one outcome cell; revenue in the merchant's base currency. */
export function outcomeCell(o: LinkOutcome, key: OutcomeColumn['key'], currency: string): string {
  switch (key) {
    case 'revenue':
      return formatAmount(o.revenue, currency);
    case 'conversion':
      return conversionText(o.customers, o.visitors);
    default:
      return formatNumber(o[key]);
  }
}
