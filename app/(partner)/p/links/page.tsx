import Link from 'next/link';
import { getDb } from '@/db/client';
import { listLinkableEnrollmentsOfPartner, PORTAL_LINK_SORTS, type PortalLinkSort } from '@/db/queries/portal-links';
import { portalSubIdSummary } from '@/db/queries/portal-links-sub-ids';
import { listPortalCoupons, programsCouponsCountIn } from '@/db/queries/portal-coupons';
import { requirePortalScope } from '@/lib/server/portal-scope';
import { appOrigin } from '@/lib/server/app-origin';
import { portalLinksPage } from '@/lib/server/portal-links';
import { formatNumber } from '@/lib/format';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { tableStateFrom } from '@/components/data-table/server-table';
import { CreateLinkForm } from '@/components/links/create-link-form';
import { LinkStatsTable } from '@/components/links/link-stats-table';
import { SubIdSummaryTable } from '@/components/links/sub-id-summary';
import { CouponList } from '@/components/links/coupon-list';

type SearchParams = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** /p/links: the chosen merchant's links (with a sub-id each, optionally), what they brought, and coupons. */
export default async function LinksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { partner, workspace } = await requirePortalScope();
  const scope = { workspaceId: workspace.id, partnerId: partner.id };
  const sp = await searchParams;
  const subId = one(sp.sub)?.trim() || undefined;
  const state = tableStateFrom(sp, PORTAL_LINK_SORTS, { sort: 'createdAt', dir: 'desc', pageSize: 25 });
  const db = getDb();
  const origin = await appOrigin();
  const [page, summary, coupons, couponPrograms, linkable] = await Promise.all([
    portalLinksPage(db, scope, { ...state, sort: state.sort as PortalLinkSort, subId }, origin),
    portalSubIdSummary(db, scope),
    listPortalCoupons(db, scope),
    programsCouponsCountIn(db, scope),
    listLinkableEnrollmentsOfPartner(db, scope),
  ]);
  const { rows, currency } = page;

  return (
    <>
      <PageHeader
        title="Links & coupons"
        description={`Your tracked links and coupon codes at ${workspace.name}, with what they brought. Bots are not counted.`}
      />
      <div className="flex min-w-0 flex-col gap-6">
        {linkable.length > 0 ? (
          <Card title="New tracked link">
            <CreateLinkForm programs={linkable.map((e) => ({ enrollmentId: e.enrollmentId, label: e.programName, allowedDomains: e.allowedDomains }))} />
          </Card>
        ) : null}

        {summary.all.links > 0 ? (
          <section aria-labelledby="by-sub-id" className="flex min-w-0 flex-col gap-2">
            <h2 id="by-sub-id" className="text-base font-semibold text-slate-900">By sub-id</h2>
            <SubIdSummaryTable summary={summary} currency={currency} active={subId} />
            <p className="text-xs text-slate-500">
              Visitors are different people who clicked (a visitor of two links of one sub-id counts once). A customer counts
              for the link they last clicked before they became your customer; conversion is customers ÷ visitors. Revenue is
              in {currency}, before refunds.
              {summary.customersWithoutLink > 0
                ? ` ${formatNumber(summary.customersWithoutLink)} more of your customers came without a click on your links (a coupon, a deal registration or the merchant's choice).`
                : ''}
            </p>
          </section>
        ) : null}

        <section aria-labelledby="links" className="flex min-w-0 flex-col gap-2">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="links" className="break-all text-base font-semibold text-slate-900">
              {subId ? <>Links with sub-id <code className="font-mono">{subId}</code></> : 'Links'}
            </h2>
            {subId ? <Link href="/p/links" className="text-sm font-medium text-brand-700 hover:underline">Show all links</Link> : null}
          </div>
          <LinkStatsTable
            rows={rows} total={page.total} state={state} currency={currency} timeZone={workspace.timeZone} subId={subId}
            empty={
              <EmptyState title={subId ? 'No link with this sub-id' : 'No links yet'}>
                {subId
                  ? 'Create a link with this sub-id above, or show all links.'
                  : linkable.length > 0
                    ? 'Create your first tracked link above and share it.'
                    : 'Once the merchant approves you in a program, you can create tracked links here.'}
              </EmptyState>
            }
          />
        </section>

        <section id="coupons" aria-labelledby="coupons-title" className="flex min-w-0 flex-col gap-2">
          <h2 id="coupons-title" className="text-base font-semibold text-slate-900">Coupons</h2>
          {coupons.length === 0 ? (
            <p className="text-sm text-slate-500">No coupon codes yet. {workspace.name} issues them to partners; they appear here.</p>
          ) : (
            <>
              <CouponList coupons={coupons} timeZone={workspace.timeZone} />
              <p className="text-xs text-slate-500">
                Like your links, a code counts for you in every program you are approved in
                {couponPrograms.length ? ` (${couponPrograms.join(', ')})` : ''}, whichever it was issued for. Orders are the orders
                credited to you that used the code.
              </p>
            </>
          )}
        </section>
      </div>
    </>
  );
}
