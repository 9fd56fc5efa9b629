import { requireMerchant } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { listGroups } from '@/db/queries/setup-lists';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';

export default async function GroupsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { scope } = await requireMerchant((await params).workspace);
  const groups = await listGroups(getDb(), scope.workspaceId);
  return (
    <>
      <PageHeader title="Program groups" description="Inside a group a partner is paid by one program per transaction: the best-ranked, or the one with the larger reward." />
      {groups.length === 0 ? (
        <EmptyState title="No groups">Programs outside groups pay independently: a referrer, a reseller and an implementation partner can all earn on one customer.</EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {groups.map((g) => (
            <Card key={g.id} title={g.name} action={<Badge tone="blue">{g.strategy === 'highest_rank' ? 'highest rank pays' : 'highest reward pays'}</Badge>}>
              <ol className="space-y-1 text-sm">
                {g.programs.map((p) => (
                  <li key={p.rank} className="flex justify-between"><span><span className="text-slate-500">#{p.rank}</span> {p.name}</span><span className="text-xs text-slate-500">{p.unit}</span></li>
                ))}
              </ol>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
