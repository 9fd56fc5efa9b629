import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { listPayoutDetailsOfPartners } from '@/db/queries/payout-details';
import { findPartnerProfileFields } from '@/db/queries/partner-profile';
import { loadPortalScope, portalScopeForSlug, requirePortalScope, type PortalScope } from '@/lib/server/portal-scope';
import { NOTIFICATION_KINDS } from '@/lib/domain/notifications';
import { notificationField } from '@/lib/validation/partner-profile';
import { NOTIFICATION_KIND_WORDS } from '@/lib/server/notifications/messages';
import { Card, PageHeader } from '@/components/ui/card';
import { PayoutDetailsSection } from '@/components/partner/payout-details-section';
import { ProfileDetailsForm } from '@/components/partner/profile-details-form';
import { ProfileNotificationsForm } from '@/components/partner/profile-notifications-form';
import { countryOptions } from '@/components/partner/country-options';
import type { SearchParams } from '@/lib/page-props';

/**
 * The merchant a link in an email names (`?workspace=<slug>`, one of the user's own), else the one
 * chosen in the switcher. A slug that is not one of the user's merchants is ignored, like a stale
 * cookie: it shows nothing of anyone else.
 */
async function scopeFor(slug: string | undefined): Promise<{ scope: PortalScope; fromLink: boolean }> {
  if (slug) {
    const user = await requireUser();
    const linked = await portalScopeForSlug(user, slug).catch(() => null);
    if (linked) return { scope: linked, fromLink: (await loadPortalScope(user))?.workspace.slug !== slug };
  }
  return { scope: await requirePortalScope(), fromLink: false };
}

// The partner's profile with the merchant chosen in the switcher: who they are (name, company,
// website, tax country), which emails they want, and how this merchant pays them. Each merchant
// keeps its own record of the partner, so each is edited on its own.
export default async function ProfilePage({ searchParams }: { searchParams: SearchParams }) {
  const slug = (await searchParams).workspace;
  const { scope, fromLink } = await scopeFor(typeof slug === 'string' ? slug : undefined);
  const db = getDb();
  const profile = await findPartnerProfileFields(db, scope.workspace.id, scope.partner.id);
  if (!profile) notFound();
  const payoutRecords = await listPayoutDetailsOfPartners(db, [scope.partner.id]);
  const countries = countryOptions();
  const choices = NOTIFICATION_KINDS.map((kind) => ({
    field: notificationField(kind),
    ...NOTIFICATION_KIND_WORDS[kind],
    on: profile.notificationPrefs[kind] !== false,
  }));

  return (
    <>
      <PageHeader title="Profile" description={`Your details as ${scope.workspace.name} has them, the emails you want from it, and how it pays you.`} />
      {fromLink ? (
        <p className="mb-6 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-800">
          Showing your profile for {scope.workspace.name}, from the link you followed. The rest of the portal shows the merchant chosen at the top.
        </p>
      ) : null}
      <div className="flex flex-col gap-8">
        <Card title="Your details">
          <ProfileDetailsForm partnerId={scope.partner.id} profile={profile} countries={countries} />
        </Card>
        <Card title="Email notifications">
          <ProfileNotificationsForm partnerId={scope.partner.id} email={profile.email} choices={choices} />
        </Card>
        <PayoutDetailsSection records={payoutRecords} countries={countries} />
      </div>
    </>
  );
}
