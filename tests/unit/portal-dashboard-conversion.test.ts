import { describe, expect, it } from 'vitest';
import { conversionRate } from '../../components/portal-dashboard/conversion';

describe('the dashboard’s conversion (customers ÷ unique visitors)', () => {
  it.each([
    [1, 2, '50%'],
    [1, 3, '33.3%'],
    [2, 3, '66.7%'],
    [1, 8, '12.5%'],
    [0, 5, '0%'],
    [3, 3, '100%'],
    [1, 2000, '0.1%'],
    [1, 20000, '0%'],
  ])('%i of %i is %s', (customers, visitors, text) => {
    expect(conversionRate(customers, visitors)).toBe(text);
  });

  it('is a dash, not 0%, when nobody clicked', () => {
    expect(conversionRate(0, 0)).toBe('—');
    expect(conversionRate(2, 0)).toBe('—');
  });
});
