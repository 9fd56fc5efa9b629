import { notFound } from 'next/navigation';
import { requirePortalScope } from '@/lib/server/portal-scope';
import { getDb } from '@/db/client';
import { partnerRewardDetail } from '@/lib/server/portal-rewards';
import { RewardDetail } from '@/components/portal/reward-detail';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * "Why?" for one of the partner's own rewards with the merchant chosen in the header; any other id
 * (another partner's, or its own with another merchant: switch first) is 404.
 */
export default async function PartnerEntryPage({ params }: { params: Promise<{ entryId: string }> }) {
  const { entryId } = await params;
  const { partner } = await requirePortalScope();
  if (!UUID.test(entryId)) notFound();
  const reward = await partnerRewardDetail(getDb(), [partner.id], entryId);
  if (!reward) notFound();
  return <RewardDetail reward={reward} now={new Date()} />;
}
