import Decimal from 'decimal.js';

/**
 * Conversion as the dashboard defines it: customers divided by the unique visitors who clicked,
 * as a percentage with one decimal, a whole one without it ("12.5%", "50%", like the links page);
 * "—" when nobody clicked yet (nothing to divide by, which is not 0%).
 */
export function conversionRate(customers: number, visitors: number): string {
  if (visitors <= 0) return '—';
  return `${new Decimal(customers).div(visitors).mul(100).toFixed(1, Decimal.ROUND_HALF_UP).replace(/\.0$/, '')}%`;
}
