import { requireMerchant } from '@/lib/auth/guards';
import { EmptyState, PageHeader } from '@/components/ui/card';

export default async function Page({ params }: { params: Promise<{ workspace: string }> }) {
  await requireMerchant((await params).workspace);
  return (
    <>
      <PageHeader title="Program groups" description="Group tiered programs so a partner is paid by one program per transaction, by rank or by the larger reward." />
      <EmptyState title="Nothing here yet">This section fills in as the reward engine processes your events.</EmptyState>
    </>
  );
}
