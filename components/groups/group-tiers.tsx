import type { GroupStrategy } from '@/lib/domain/programs';
import { describeGroup } from './group-words';

/** A group's tiers in rank order and, in words, which one pays a partner enrolled in several. */
export function GroupTiers({ group, baseCurrency }: { group: { strategy: GroupStrategy; tiers: { rank: number; programId: string; name: string; unit: string; status: string }[] }; baseCurrency: string }) {
  return (
    <>
      {group.tiers.length > 0 ? (
        <ol className="space-y-1 text-sm" aria-label="Tiers in rank order">
          {group.tiers.map((t) => (
            <li key={t.programId} className="flex justify-between gap-3">
              <span className="min-w-0 truncate"><span className="tabular-nums text-slate-500">#{t.rank}</span> {t.name}{t.rank === 1 ? <span className="text-xs text-slate-500"> · top tier</span> : null}</span>
              <span className="shrink-0 text-xs text-slate-500">{t.unit}{t.status === 'archived' ? ' · archived' : ''}</span>
            </li>
          ))}
        </ol>
      ) : null}
      <p className="mt-3 text-sm text-slate-600">{describeGroup(group.strategy, group.tiers.map((t) => t.name), baseCurrency)}</p>
    </>
  );
}
