import { notFound } from 'next/navigation';
import { requirePartner } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { partnerRewardDetail } from '@/lib/server/portal-rewards';
import { RewardDetail } from '@/components/portal/reward-detail';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** "Why?" for one of the partner's own rewards; any other id (another partner's too) is 404. */
export default async function PartnerEntryPage({ params }: { params: Promise<{ entryId: string }> }) {
  const { entryId } = await params;
  const { partners } = await requirePartner();
  if (!UUID.test(entryId)) notFound();
  const reward = await partnerRewardDetail(getDb(), partners.map((p) => p.id), entryId);
  if (!reward) notFound();
  return <RewardDetail reward={reward} now={new Date()} />;
}
