import type { GroupStrategy } from '@/lib/domain/programs';

/** Every strategy in words (the build fails when the domain list grows and this does not). */
export const strategyLabels = {
  highest_rank: 'Best rank pays',
  highest_reward: 'Larger reward pays',
} satisfies Record<GroupStrategy, string>;

export const strategyHints = {
  highest_rank: 'Among the programs that reward the partner on an order, the best-ranked one pays.',
  highest_reward: 'Among them, the one whose reward is larger (compared in your base currency) pays; ties go to the better rank.',
} satisfies Record<GroupStrategy, string>;

/**
 * Which tier pays a partner enrolled in several programs of the group, in words (SPEC §4.4):
 * "A partner in Gold and Silver is paid by Gold only; …". `names` are in rank order (1 first).
 */
export function describeGroup(strategy: GroupStrategy, names: string[], baseCurrency: string): string {
  if (names.length === 0) return 'No programs yet: add at least two to decide which one pays.';
  if (names.length === 1) return `Only ${names[0]} so far: add another program to rank them. Until then ${names[0]} pays as it would outside a group.`;
  const pairs = names.slice(0, -1).map((top, i) => [top, names[i + 1]] as const);
  const byRank = strategy === 'highest_rank';
  const sentences = pairs.map(([top, next], i) => {
    if (i === 0) {
      return byRank
        ? `A partner in ${top} and ${next} is paid by ${top} only`
        : `A partner in ${top} and ${next} is paid by whichever program's reward is larger (compared in ${baseCurrency}), ${top} on a tie`;
    }
    return byRank ? `in ${top} and ${next}, by ${top} only` : `in ${top} and ${next}, by the larger, ${top} on a tie`;
  });
  const several = names.length > 2 ? (byRank ? ` In several, the best-ranked pays: ${names.join(' over ')}.` : ' In several, the largest reward pays, the better rank on a tie.') : '';
  return `${sentences.join('; ')}.${several} The other programs' rewards on that order are dropped, and its explanation says so. Programs outside the group pay independently.`;
}
