import { requirePartner } from '@/lib/auth/guards';
import { EmptyState, PageHeader } from '@/components/ui/card';

export default async function Page() {
  await requirePartner();
  return (
    <>
      <PageHeader title="Deal registrations" description="Claim a prospect before they buy; approved registrations credit you even months later." />
      <EmptyState title="Nothing here yet">This fills in once you are approved and your first customers arrive.</EmptyState>
    </>
  );
}
