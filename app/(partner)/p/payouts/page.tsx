import { requirePartner } from '@/lib/auth/guards';
import { EmptyState, PageHeader } from '@/components/ui/card';

export default async function Page() {
  await requirePartner();
  return (
    <>
      <PageHeader title="Payouts & statements" description="Payout history and downloadable statements." />
      <EmptyState title="Nothing here yet">This fills in once you are approved and your first customers arrive.</EmptyState>
    </>
  );
}
