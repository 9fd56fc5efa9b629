import { requireMerchant } from '@/lib/auth/guards';
import { EmptyState, PageHeader } from '@/components/ui/card';

export default async function Page({ params }: { params: Promise<{ workspace: string }> }) {
  await requireMerchant((await params).workspace);
  return (
    <>
      <PageHeader title="Customers" description="Customers appear when storefront events name them; each remembers its visitor ids and bindings." />
      <EmptyState title="Nothing here yet">This section fills in as the reward engine processes your events.</EmptyState>
    </>
  );
}
