import Link from 'next/link';
import type { partnerRewardDetail } from '@/lib/server/portal-rewards';
import { formatAmount } from '@/lib/format';
import { Badge, PageHeader } from '../ui/card';
import { ExplainSections } from '../explain/explain-sections';
import { entryStatus } from '../ledger/ledger-table';
import { REWARD_KIND_LABEL, STATUS_TONE } from './reward-words';

type Reward = NonNullable<Awaited<ReturnType<typeof partnerRewardDetail>>>;

/** One reward: its amount and status, the sentence the list shows, then the reasons behind it. */
export function RewardDetail({ reward, now }: { reward: Reward; now: Date }) {
  const status = entryStatus(reward, now);
  const source = reward.programName ?? (reward.poolName ? `${reward.poolName} ${reward.poolPeriod}` : '');
  const label = REWARD_KIND_LABEL[reward.kind!];
  return (
    <>
      <Link href="/p/earnings" className="text-sm text-brand-700">← Earnings</Link>
      <PageHeader
        title={formatAmount(reward.amount ?? '0', reward.unit ?? '')}
        description={`${label.charAt(0).toUpperCase()}${label.slice(1)} · ${reward.workspaceName} · ${source} · recorded ${reward.createdAt?.toISOString().slice(0, 10)} · payable from ${reward.payableAt?.toISOString().slice(0, 10)}`}
        action={<Badge tone={STATUS_TONE[status]}>{status}</Badge>}
      />
      <p className="mb-6 rounded-lg border border-brand-100 bg-brand-50 px-5 py-4 text-base leading-relaxed text-slate-900" data-testid="reward-headline">
        {reward.headline}.
      </p>
      <ExplainSections sections={reward.sections} />
    </>
  );
}
