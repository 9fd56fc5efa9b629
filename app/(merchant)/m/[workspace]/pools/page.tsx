import { requireMerchant } from '@/lib/auth/guards';
import { EmptyState, PageHeader } from '@/components/ui/card';

export default async function Page({ params }: { params: Promise<{ workspace: string }> }) {
  await requireMerchant((await params).workspace);
  return (
    <>
      <PageHeader title="Performance pools" description="A bonus amount per quarter or year shared among partners who beat a goal." />
      <EmptyState title="Nothing here yet">This section fills in as the reward engine processes your events.</EmptyState>
    </>
  );
}
