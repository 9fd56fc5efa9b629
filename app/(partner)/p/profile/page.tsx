import { requirePartner } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { listPayoutDetailsOfPartners } from '@/db/queries/payout-details';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { PayoutDetailsSection } from '@/components/partner/payout-details-section';
import { countryOptions } from '@/components/partner/country-options';

// The partner's profile. Sections stack here: payout details now; name, company, website, tax
// country and notification preferences join them as sections of their own.
export default async function ProfilePage() {
  const { partners } = await requirePartner();
  const records = await listPayoutDetailsOfPartners(getDb(), partners.map((p) => p.id));
  return (
    <>
      <PageHeader title="Profile" description="Your details for the merchants whose programs you joined." />
      <div className="flex flex-col gap-8">
        {records.length > 0 ? (
          <PayoutDetailsSection records={records} countries={countryOptions()} />
        ) : (
          <EmptyState title="No merchants yet">Once you join a merchant’s program, you can tell them here how to pay you.</EmptyState>
        )}
      </div>
    </>
  );
}
