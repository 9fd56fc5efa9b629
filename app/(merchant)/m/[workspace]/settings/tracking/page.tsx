import Link from 'next/link';
import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import { allowedDomainsOf } from '@/db/queries/workspaces';
import { linksOutsideAllowedDomains } from '@/lib/server/links';
import { Card, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { AllowedDomainsForm } from '@/components/settings/domains-form';
import { AffectedLinks } from '@/components/settings/affected-links';

export default async function TrackingSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { scope } = await requireMerchant((await params).workspace);
  const db = getDb();
  const domains = await allowedDomainsOf(db, scope.workspaceId);
  const affected = await linksOutsideAllowedDomains(db, scope.workspaceId, domains);
  const canManage = roleCan(scope.role, 'manage');
  return (
    <>
      <Link href={`/m/${scope.workspaceSlug}/settings`} className="text-sm text-brand-700">← Settings</Link>
      <PageHeader title="Tracking" description="Where partners' tracked links may send visitors." />
      <ReadOnlyNotice role={scope.role} />
      <div className="flex max-w-4xl flex-col gap-6">
        <Card title="Link destinations" className="max-w-2xl">
          {canManage ? <AllowedDomainsForm workspaceSlug={scope.workspaceSlug} domains={domains} /> : <p className="text-sm">{domains.join(', ') || 'None'}</p>}
        </Card>
        <Card title="Links outside the allowed hosts">
          <AffectedLinks links={affected} />
        </Card>
      </div>
    </>
  );
}
