import { describe, expect, it } from 'vitest';
import { eventSchema } from '../../lib/validation/events';
import { programFormSchema, ruleFromForm } from '../../lib/validation/program';
import { fieldErrors } from '../../lib/errors';

describe('event schema', () => {
  it('accepts an order in the documented shape', () => {
    const parsed = eventSchema.parse({
      id: 'o1', type: 'order', occurredAt: '2026-01-05T10:00:00Z',
      data: { customer: { externalId: 'c1', email: 'Ann@BigCo.com' }, currency: 'usd', lines: [{ product: 'p', amount: '10.00' }] },
    });
    expect(parsed.type === 'order' && parsed.data.currency).toBe('USD');
    expect(parsed.type === 'order' && parsed.data.customer.email).toBe('ann@bigco.com');
  });

  it('names the bad field', () => {
    const r = eventSchema.safeParse({ id: 'o1', type: 'order', occurredAt: '2026-01-05T10:00:00Z', data: { customer: { externalId: 'c1' }, currency: 'USD', lines: [{ product: 'p', amount: 12.5 }] } });
    expect(r.success).toBe(false);
    expect(Object.keys(fieldErrors(r.error!.issues))).toEqual(['data.lines.0.amount']);
    const bad = eventSchema.safeParse({ id: 'r1', type: 'refund', occurredAt: 'yesterday', data: { orderId: 'o1' } });
    expect(Object.keys(fieldErrors(bad.error!.issues))).toEqual(['occurredAt']);
  });
});

describe('program form', () => {
  const base = { name: 'Refs', category: 'referral', unit: 'USD', ruleType: 'one_time_share', ruleValue: '10' };
  it('builds the rule', () => {
    expect(ruleFromForm(programFormSchema.parse(base))).toEqual({ type: 'one_time_share', percent: '10' });
    expect(ruleFromForm(programFormSchema.parse({ ...base, ruleType: 'recurring_share', durationMonths: '' }))).toEqual({ type: 'recurring_share', percent: '10', durationMonths: null });
  });
  it('refuses percentages over 100 and milestones without a name', () => {
    const over = programFormSchema.safeParse({ ...base, ruleValue: '120' });
    expect(fieldErrors(over.error!.issues)).toHaveProperty('ruleValue');
    const ms = programFormSchema.safeParse({ ...base, ruleType: 'milestone' });
    expect(fieldErrors(ms.error!.issues)).toHaveProperty('milestoneName');
    const money = programFormSchema.safeParse({ ...base, ruleValue: '1e3' });
    expect(fieldErrors(money.error!.issues)).toHaveProperty('ruleValue');
  });
});
