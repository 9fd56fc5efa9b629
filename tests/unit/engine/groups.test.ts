import { describe, expect, it } from 'vitest';
import { computeOrderRewards, type ProgramGroupConfig, type RewardRule } from '../../../lib/engine';
import { click, context, order, program } from './fixtures';

function tiered(strategy: ProgramGroupConfig['strategy'], gold: RewardRule[], silver: RewardRule[], silverUnit = 'USD') {
  return context({
    programs: [program({ id: 'gold', rewards: gold }), program({ id: 'silver', rewards: silver, unit: silverUnit }), program({ id: 'solo', rewards: [{ type: 'per_order', amount: '1' }] })],
    groups: [{ id: 'tiers', strategy, programIds: ['gold', 'silver'] }],
    workspace: { baseCurrency: 'USD', fxRates: [{ currency: 'EUR', rate: '2', from: '2020-01-01T00:00:00Z' }], units: [] },
    clicks: [click('a', '2026-01-05T00:00:00Z')],
  });
}
const pct = (percent: string): RewardRule[] => [{ type: 'one_time_share', percent }];
const flat = (amount: string): RewardRule[] => [{ type: 'per_order', amount }];

describe('program groups', () => {
  it.each<[string, ProgramGroupConfig['strategy'], RewardRule[], RewardRule[], string, string]>([
    ['highest_rank keeps the top tier even when smaller', 'highest_rank', pct('5'), pct('10'), 'silver', 'gold'],
    ['highest_reward keeps the larger total', 'highest_reward', pct('5'), pct('10'), 'gold', 'silver'],
    ['highest_reward ties go to the better rank', 'highest_reward', pct('10'), flat('10'), 'silver', 'gold'],
  ])('%s', (_label, strategy, gold, silver, dropped, paid) => {
    const decision = computeOrderRewards(tiered(strategy, gold, silver), order());
    const programs = decision.entries.map((e) => e.programId).sort();
    expect(programs).toEqual([paid, 'solo'].sort());
    expect(decision.droppedEntries.map((e) => e.programId)).toEqual([dropped]);
    expect(decision.entries.find((e) => e.programId === paid)?.explanation.group).toMatchObject({ paidBy: paid, dropped: [dropped] });
  });

  it('highest_reward compares in base currency across units', () => {
    // gold pays 10 USD; silver pays 6 EUR = 12 USD
    const decision = computeOrderRewards(tiered('highest_reward', flat('10'), flat('6'), 'EUR'), order());
    expect(decision.entries.filter((e) => e.programId !== 'solo').map((e) => `${e.programId}:${e.amount} ${e.unit}`)).toEqual(['silver:6.00 EUR']);
  });

  it('a program that rewards nothing does not compete', () => {
    const decision = computeOrderRewards(tiered('highest_rank', [{ type: 'milestone', name: 'x', amount: '1' }], pct('10')), order());
    expect(decision.entries.map((e) => e.programId).sort()).toEqual(['silver', 'solo']);
    expect(decision.groupDecisions).toEqual([]);
  });

  it('per_customer is used up even when the group drops it', () => {
    const decision = computeOrderRewards(tiered('highest_rank', pct('10'), [{ type: 'per_customer', amount: '100' }]), order());
    expect(decision.entries.some((e) => e.programId === 'silver')).toBe(false);
    expect(decision.usage).toContainEqual({ type: 'per_customer', programId: 'silver', customerId: 'c1' });
  });
});
