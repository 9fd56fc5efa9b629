import { requireMerchant } from '@/lib/auth/guards';
import { EmptyState, PageHeader } from '@/components/ui/card';

export default async function Page({ params }: { params: Promise<{ workspace: string }> }) {
  await requireMerchant((await params).workspace);
  return (
    <>
      <PageHeader title="Ledger" description="Every commission, bonus, reversal and clawback, with its explanation." />
      <EmptyState title="Nothing here yet">This section fills in as the reward engine processes your events.</EmptyState>
    </>
  );
}
