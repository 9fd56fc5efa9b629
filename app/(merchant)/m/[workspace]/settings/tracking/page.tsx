import Link from 'next/link';
import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import { allowedDomainsOf } from '@/db/queries/workspaces';
import { Card, PageHeader } from '@/components/ui/card';
import { AllowedDomainsForm } from '@/components/settings/domains-form';

export default async function TrackingSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { scope } = await requireMerchant((await params).workspace);
  const domains = await allowedDomainsOf(getDb(), scope.workspaceId);
  const canManage = roleCan(scope.role, 'manage');
  return (
    <>
      <Link href={`/m/${scope.workspaceSlug}/settings`} className="text-sm text-brand-700">← Settings</Link>
      <PageHeader title="Tracking" description="Where partners' tracked links may send visitors." />
      <Card title="Link destinations" className="max-w-2xl">
        {canManage ? <AllowedDomainsForm workspaceSlug={scope.workspaceSlug} domains={domains} /> : <p className="text-sm">{domains.join(', ') || 'None'}</p>}
      </Card>
    </>
  );
}
