import { requirePartner } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { listCouponsOfUser, listLinkableEnrollmentsOfUser, listLinksOfUser } from '@/db/queries/tracked-links';
import { appOrigin } from '@/lib/server/app-origin';
import { destinationIsAllowed } from '@/lib/server/link-destinations';
import { formatDate } from '@/lib/format';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { CopyButton } from '@/components/links/copy-button';
import { CreateLinkForm } from '@/components/links/create-link-form';

const th = 'px-4 py-2.5 font-medium';
const td = 'px-4 py-2.5 align-top';

export default async function LinksPage() {
  const { user } = await requirePartner();
  const db = getDb();
  const [links, coupons, linkable, origin] = await Promise.all([
    listLinksOfUser(db, user.id),
    listCouponsOfUser(db, user.id),
    listLinkableEnrollmentsOfUser(db, user.id),
    appOrigin(),
  ]);
  return (
    <>
      <PageHeader title="Links & coupons" description="Your tracked links and coupon codes, with their clicks. Bots are not counted." />
      <div className="flex flex-col gap-6">
        {linkable.length > 0 ? (
          <Card title="New tracked link">
            <CreateLinkForm
              programs={linkable.map((e) => ({ enrollmentId: e.enrollmentId, label: `${e.workspaceName} · ${e.programName}`, allowedDomains: e.allowedDomains }))}
            />
          </Card>
        ) : null}

        {links.length === 0 ? (
          <EmptyState title="No links yet">
            {linkable.length > 0 ? 'Create your first tracked link above and share it.' : 'Once a merchant approves you in a program, you can create tracked links here.'}
          </EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th className={th}>Tracked link</th>
                  <th className={th}>Program</th>
                  <th className={th}>Destination</th>
                  <th className={`${th} text-right`}>Clicks</th>
                  <th className={`${th} text-right`} title="Repeat clicks by the same visitor within an hour count once">Unique</th>
                  <th className={th}>Created</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {links.map((l) => {
                  const url = `${origin}/r/${l.code}`;
                  return (
                    <tr key={l.id}>
                      <td className={td}>
                        <div className="flex items-center gap-2">
                          <code className="break-all text-xs text-slate-800">{url}</code>
                          <CopyButton text={url} />
                          {l.disabled ? <Badge tone="red">disabled</Badge> : null}
                        </div>
                        {destinationIsAllowed(l.destinationUrl, l.allowedDomains) ? null : (
                          <p className="mt-1 flex items-center gap-2 text-xs text-amber-800">
                            <Badge tone="amber">destination not allowed</Badge>
                            The merchant no longer accepts this address: visitors see “link not available”. Create a new link to an allowed host.
                          </p>
                        )}
                      </td>
                      <td className={td}>{l.programName} <span className="block text-xs text-slate-500">{l.workspaceName}</span></td>
                      <td className={`${td} max-w-xs break-all text-xs text-slate-600`}>{l.destinationUrl}</td>
                      <td className={`${td} text-right tabular-nums`}>{l.clicks.toLocaleString('en-US')}</td>
                      <td className={`${td} text-right tabular-nums`}>{l.uniqueClicks.toLocaleString('en-US')}</td>
                      <td className={td}>{formatDate(l.createdAt)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}

        <Card title="Coupon codes">
          {coupons.length === 0 ? (
            <p className="text-sm text-slate-500">No coupon codes yet. Merchants issue them to partners; they appear here.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {coupons.map((c) => (
                <li key={c.id} className="flex items-center justify-between gap-3 py-2">
                  <span className="flex items-center gap-2">
                    <code className="font-semibold">{c.code}</code>
                    <CopyButton text={c.code} />
                    {c.disabled ? <Badge tone="red">disabled</Badge> : null}
                  </span>
                  <span className="text-slate-500">{c.workspaceName} · {c.programName}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
