import { describe, expect, it } from 'vitest';
import { bindCustomerManually, computeMilestoneRewards, type RewardRule } from '../../../lib/engine';
import { context } from './fixtures';

const rules: RewardRule[] = [
  { type: 'milestone', name: 'go-live', amount: '500' },
  { type: 'one_time_share', percent: '10' },
];
const milestone = { id: 'm1', occurredAt: '2026-02-01T00:00:00Z', customer: { externalId: 'c1' }, name: 'go-live' };

describe('milestones', () => {
  it('pays the bound partner once per customer, program and name', () => {
    const ctx = context({ rules, bindings: [bindCustomerManually({ programId: 'P', customerId: 'c1', partnerId: 'a', at: '2026-01-01T00:00:00Z' })] });
    const first = computeMilestoneRewards(ctx, milestone);
    expect(first.entries.map((e) => [e.partnerId, e.rule, e.amount, e.orderId, e.milestoneName])).toEqual([['a', 'milestone', '500.00', null, 'go-live']]);
    expect(first.usage).toEqual([{ type: 'milestone', programId: 'P', customerId: 'c1', name: 'go-live' }]);
    const again = computeMilestoneRewards({ ...ctx, usage: { perCustomerUsed: [], milestonesUsed: [{ programId: 'P', name: 'go-live' }] } }, milestone);
    expect(again.entries).toEqual([]);
    expect(again.usage).toEqual([]);
  });

  it('other milestone names and unbound customers pay nothing and use nothing', () => {
    const ctx = context({ rules, bindings: [bindCustomerManually({ programId: 'P', customerId: 'c1', partnerId: 'a', at: '2026-01-01T00:00:00Z' })] });
    expect(computeMilestoneRewards(ctx, { ...milestone, name: 'renewal' })).toMatchObject({ entries: [], usage: [] });
    expect(computeMilestoneRewards(context({ rules }), milestone)).toMatchObject({ entries: [], usage: [], newBindings: [] });
  });
});
