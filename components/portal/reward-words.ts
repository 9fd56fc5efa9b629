import type { EntryKind } from '@/lib/domain/ledger';

/** An entry's kind as the partner reads it: no ledger words in the portal. */
export const REWARD_KIND_LABEL: Record<EntryKind, string> = {
  commission: 'reward',
  bonus: 'bonus',
  reversal: 'refund',
  clawback: 'taken back',
};

export const REWARD_KIND_TONE = { commission: 'green', bonus: 'blue', reversal: 'amber', clawback: 'red' } as const satisfies Record<EntryKind, string>;

export const STATUS_TONE = { pending: 'slate', payable: 'green', processing: 'amber', paid: 'blue' } as const;
