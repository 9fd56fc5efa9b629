import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import { findGroup, programsWithGroups } from '@/db/queries/groups';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { GroupForm } from '@/components/groups/group-form';
import { GroupTiers } from '@/components/groups/group-tiers';
import { strategyLabels } from '@/components/groups/group-words';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export default async function GroupPage({ params }: { params: Promise<{ workspace: string; groupId: string }> }) {
  const { workspace, groupId } = await params;
  const { scope } = await requireMerchant(workspace);
  if (!UUID.test(groupId)) notFound();
  const db = getDb();
  const group = await findGroup(db, scope.workspaceId, groupId);
  if (!group) notFound();
  const canManage = roleCan(scope.role, 'manage');
  const programs = canManage ? await programsWithGroups(db, scope.workspaceId) : [];
  return (
    <>
      <Link href={`/m/${scope.workspaceSlug}/groups`} className="text-sm text-brand-700 hover:underline"><span aria-hidden>←</span> Program groups</Link>
      <PageHeader title={group.name} description="Changes apply to orders received after saving; rewards already written keep the decision their explanation records." action={<Badge tone="blue">{strategyLabels[group.strategy]}</Badge>} />
      <ReadOnlyNotice role={scope.role} />
      <div className="grid gap-6 lg:grid-cols-5">
        <Card title="Tiers now" className="lg:col-span-2">
          <GroupTiers group={group} baseCurrency={scope.baseCurrency} />
        </Card>
        {canManage ? (
          <Card title="Edit group" className="lg:col-span-3">
            <GroupForm
              workspaceSlug={scope.workspaceSlug}
              group={{ id: group.id, name: group.name, strategy: group.strategy, programIds: group.tiers.map((t) => t.programId) }}
              programs={programs}
              baseCurrency={scope.baseCurrency}
            />
          </Card>
        ) : null}
      </div>
    </>
  );
}
