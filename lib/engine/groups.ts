import { Decimal } from './decimal';
import type { Json, NewLedgerEntry } from './ledger';
import type { ProgramGroupConfig } from './types';

export interface GroupDecision {
  groupId: string;
  strategy: ProgramGroupConfig['strategy'];
  partnerId: string;
  paidBy: string;
  /** totalBase is only computed (and only needs FX) for highest_reward. */
  candidates: { programId: string; rank: number; totalBase: string | null }[];
  dropped: string[];
}

export interface GroupOutcome {
  kept: NewLedgerEntry[];
  /** Entries a group dropped, with the decision in their explanation; kept for the record only. */
  dropped: NewLedgerEntry[];
  decisions: GroupDecision[];
}

function decisionJson(d: GroupDecision): Json {
  return { ...d, candidates: d.candidates.map((c) => ({ ...c })), dropped: [...d.dropped] };
}

/**
 * §4.4: inside a group a partner is paid by at most one program per event. highest_rank keeps the
 * best-ranked program; highest_reward keeps the largest total in base currency, ties to the better
 * rank. Programs outside every group are untouched.
 */
export function applyProgramGroups(
  entries: readonly NewLedgerEntry[],
  groups: readonly ProgramGroupConfig[],
  valueInBase: (entry: NewLedgerEntry) => Decimal,
): GroupOutcome {
  let kept = [...entries];
  const dropped: NewLedgerEntry[] = [];
  const decisions: GroupDecision[] = [];

  for (const group of groups) {
    const inGroup = kept.filter((e) => e.programId != null && group.programIds.includes(e.programId));
    const partners = [...new Set(inGroup.map((e) => e.partnerId))];
    for (const partnerId of partners) {
      const own = inGroup.filter((e) => e.partnerId === partnerId);
      const candidates = group.programIds
        .map((programId, rankIndex) => {
          const programEntries = own.filter((e) => e.programId === programId);
          const totalBase =
            group.strategy === 'highest_reward'
              ? programEntries.reduce((acc, e) => acc.plus(valueInBase(e)), new Decimal(0))
              : null;
          return { programId, rank: rankIndex + 1, totalBase, count: programEntries.length };
        })
        .filter((c) => c.count > 0);
      if (candidates.length < 2) continue;
      const winner =
        group.strategy === 'highest_rank'
          ? candidates[0]
          : candidates.reduce((best, c) => (c.totalBase!.gt(best.totalBase!) ? c : best));
      const decision: GroupDecision = {
        groupId: group.id,
        strategy: group.strategy,
        partnerId,
        paidBy: winner.programId,
        candidates: candidates.map((c) => ({ programId: c.programId, rank: c.rank, totalBase: c.totalBase?.toFixed() ?? null })),
        dropped: candidates.filter((c) => c !== winner).map((c) => c.programId),
      };
      decisions.push(decision);
      const note = decisionJson(decision);
      kept = kept.map((e) => {
        if (e.partnerId !== partnerId || e.programId == null || !group.programIds.includes(e.programId)) return e;
        const withNote = { ...e, explanation: { ...e.explanation, group: note } };
        if (e.programId !== winner.programId) dropped.push(withNote);
        return withNote;
      });
      kept = kept.filter((e) => !(e.partnerId === partnerId && decision.dropped.includes(e.programId ?? '')));
    }
  }
  return { kept, dropped, decisions };
}
