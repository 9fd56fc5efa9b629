import Link from 'next/link';
import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import { listGroupDetails, programsWithGroups } from '@/db/queries/groups';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { GroupForm } from '@/components/groups/group-form';
import { GroupTiers } from '@/components/groups/group-tiers';
import { strategyLabels } from '@/components/groups/group-words';

export default async function GroupsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { scope } = await requireMerchant((await params).workspace);
  const db = getDb();
  const [groups, programs] = await Promise.all([listGroupDetails(db, scope.workspaceId), programsWithGroups(db, scope.workspaceId)]);
  const canManage = roleCan(scope.role, 'manage');
  const base = `/m/${scope.workspaceSlug}/groups`;
  return (
    <>
      <PageHeader title="Program groups" description="Inside a group a partner is paid by one program per order: the best-ranked, or the one with the larger reward." />
      <ReadOnlyNotice role={scope.role} />
      {groups.length === 0 ? (
        <EmptyState title="No groups">Programs outside groups pay independently: a referrer, a reseller and an implementation partner can all earn on one customer.</EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {groups.map((g) => (
            <Card key={g.id} title={g.name} action={<Badge tone="blue">{strategyLabels[g.strategy]}</Badge>}>
              <GroupTiers group={g} baseCurrency={scope.baseCurrency} />
              <Link href={`${base}/${g.id}`} className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
                {canManage ? 'Edit name, strategy and tiers' : 'Open'} <span aria-hidden>→</span>
              </Link>
            </Card>
          ))}
        </div>
      )}
      {canManage ? (
        <Card title="New group" className="mt-8">
          <GroupForm workspaceSlug={scope.workspaceSlug} programs={programs} baseCurrency={scope.baseCurrency} />
        </Card>
      ) : null}
    </>
  );
}
