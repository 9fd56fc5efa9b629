import { requirePartner } from '@/lib/auth/guards';
import { EmptyState, PageHeader } from '@/components/ui/card';

export default async function Page() {
  await requirePartner();
  return (
    <>
      <PageHeader title="Earnings" description="Pending, payable and paid rewards, each with the reason it was paid." />
      <EmptyState title="Nothing here yet">This fills in once you are approved and your first customers arrive.</EmptyState>
    </>
  );
}
