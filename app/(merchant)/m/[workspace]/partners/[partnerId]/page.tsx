import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import {
  findPartnerProfile,
  listCustomersOfPartner,
  listEnrollmentsOfPartner,
  listEntriesOfPartner,
  listLinksOfPartner,
} from '@/db/queries/partner-detail';
import { listCouponsOfPartner } from '@/db/queries/coupons';
import { partnerBalances } from '@/db/queries/balances';
import { listUnits } from '@/db/queries/units';
import { PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { tableStateFrom } from '@/components/data-table/server-table';
import { EnrollmentsSection } from '@/components/partners/enrollments-section';
import { CouponsSection } from '@/components/partners/coupons-section';
import { CustomersSection, LinksSection } from '@/components/partners/activity-sections';
import { BalancesSection, EntriesSection } from '@/components/partners/money-sections';
import { PayoutDetailsCard } from '@/components/partners/payout-details-card';
import { PartnerProfileCard } from '@/components/partners/profile-card';
import { findPartnerProfileFields } from '@/db/queries/partner-profile';
import { maskedPayoutDetails } from '@/lib/server/payout-details';
import { formatDate } from '@/lib/format';
import type { SearchParams } from '@/lib/page-props';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ENTRY_SORTS = ['createdAt', 'amount', 'payableAt'] as const;

export default async function PartnerPage({ params, searchParams }: { params: Promise<{ workspace: string; partnerId: string }>; searchParams: SearchParams }) {
  const { workspace, partnerId } = await params;
  const { scope } = await requireMerchant(workspace);
  // another workspace's partner, or no partner at all: the same "not found"
  if (!UUID.test(partnerId)) notFound();
  const db = getDb();
  const partner = await findPartnerProfile(db, scope.workspaceId, partnerId);
  if (!partner) notFound();

  const state = tableStateFrom(await searchParams, ENTRY_SORTS, { sort: 'createdAt', dir: 'desc', pageSize: 20 });
  const now = new Date();
  const enrollments = await listEnrollmentsOfPartner(db, scope.workspaceId, partnerId);
  const links = await listLinksOfPartner(db, scope.workspaceId, partnerId);
  const coupons = await listCouponsOfPartner(db, scope.workspaceId, partnerId);
  const customers = await listCustomersOfPartner(db, scope.workspaceId, partnerId);
  const entries = await listEntriesOfPartner(db, scope.workspaceId, partnerId, { ...state, sort: state.sort as (typeof ENTRY_SORTS)[number] });
  const balances = await partnerBalances(db, scope.workspaceId, now, partnerId);
  const units = await listUnits(db, scope.workspaceId);
  const payoutDetails = (await maskedPayoutDetails(db, scope.workspaceId, [partnerId])).get(partnerId);
  const profile = await findPartnerProfileFields(db, scope.workspaceId, partnerId);
  const canManage = roleCan(scope.role, 'manage');
  const base = `/m/${scope.workspaceSlug}/partners`;
  const approvedPrograms = enrollments
    .filter((e) => e.status === 'approved' && e.programStatus === 'active')
    .map((e) => ({ id: e.programId, name: e.programName }));

  return (
    <>
      <Link href={base} className="text-sm text-brand-700">← Partners</Link>
      <PageHeader
        title={partner.name}
        description={[partner.company, partner.email, `partner since ${formatDate(partner.createdAt)}`, partner.hasAccount ? 'has a portal account' : 'no portal account yet']
          .filter(Boolean)
          .join(' · ')}
      />
      <ReadOnlyNotice role={scope.role} />
      <div className="flex flex-col gap-6">
        <BalancesSection balances={balances} units={units} />
        <PayoutDetailsCard details={payoutDetails} hasAccount={partner.hasAccount} timeZone={scope.timeZone} />
        {profile ? <PartnerProfileCard profile={profile} /> : null}
        <EnrollmentsSection workspaceSlug={scope.workspaceSlug} enrollments={enrollments} canManage={canManage} units={units} />
        <CouponsSection workspaceSlug={scope.workspaceSlug} partnerId={partner.id} coupons={coupons} approvedPrograms={approvedPrograms} canManage={canManage} />
        <LinksSection links={links} />
        <CustomersSection workspaceSlug={scope.workspaceSlug} customers={customers.rows} total={customers.total} />
        <EntriesSection workspaceSlug={scope.workspaceSlug} rows={entries.rows} total={entries.total} state={state} basePath={`${base}/${partner.id}`} units={units} />
      </div>
    </>
  );
}
