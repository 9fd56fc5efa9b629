import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import {
  customerBindings, customerDeals, customerEntryCount, customerEvents, customerVisitsAndClicks, findCustomer, manualBindingChoices, partnersOfCodes,
} from '@/db/queries/customer-detail';
import { formatDate } from '@/lib/time';
import { Card, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { CustomerBindings } from '@/components/customers/customer-bindings';
import { BindCustomerForm } from '@/components/customers/bind-customer-form';
import { CustomerTouches, type CodeView } from '@/components/customers/customer-touches';
import { CustomerEvents, type CustomerEventView } from '@/components/customers/customer-events';
import { eventSummary } from '@/components/customers/event-summary';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export default async function CustomerPage({ params }: { params: Promise<{ workspace: string; customerId: string }> }) {
  const { workspace, customerId } = await params;
  const { scope } = await requireMerchant(workspace);
  if (!UUID.test(customerId)) notFound();
  const db = getDb();
  const customer = await findCustomer(db, scope.workspaceId, customerId);
  if (!customer) notFound();
  const canBind = roleCan(scope.role, 'manage');
  const [visits, events, deals, bindings, entryCount, choices] = [
    await customerVisitsAndClicks(db, scope.workspaceId, customer.id),
    await customerEvents(db, scope.workspaceId, customer.id),
    await customerDeals(db, scope.workspaceId, customer),
    await customerBindings(db, scope.workspaceId, customer.id),
    await customerEntryCount(db, scope.workspaceId, customer.id),
    canBind ? await manualBindingChoices(db, scope.workspaceId) : [],
  ];
  const carried = events.flatMap((e) =>
    e.payload.type === 'order'
      ? [
          ...(e.payload.data.partnerCode ? [{ kind: 'partner code' as const, code: e.payload.data.partnerCode, order: e.senderId }] : []),
          ...e.payload.data.coupons.map((code) => ({ kind: 'coupon' as const, code, order: e.senderId })),
        ]
      : [],
  );
  const owners = await partnersOfCodes(db, scope.workspaceId, {
    coupons: carried.filter((c) => c.kind === 'coupon').map((c) => c.code),
    links: carried.filter((c) => c.kind === 'partner code').map((c) => c.code),
  });
  const codes: CodeView[] = carried.map((c) => {
    const owner = c.kind === 'coupon' ? owners.coupons.find((o) => o.code === c.code.toUpperCase()) : owners.links.find((o) => o.code === c.code);
    return { ...c, partnerName: owner?.partnerName ?? null, disabled: owner?.disabled ?? false };
  });
  const eventViews: CustomerEventView[] = events.map((e) => ({ ...e, summary: eventSummary(e.payload) }));
  const base = `/m/${scope.workspaceSlug}`;
  const firstEvent = events.length ? events[events.length - 1].occurredAt : null;
  return (
    <>
      <Link href={`${base}/customers`} className="text-sm text-brand-700">← Customers</Link>
      <PageHeader
        title={`Customer ${customer.externalId}`}
        description={`${customer.email ?? 'no email known'} · ${firstEvent ? `first event ${formatDate(firstEvent, scope.timeZone)}` : `recorded ${formatDate(customer.createdAt, scope.timeZone)}`} · ${visits.visitors.length} visitor id${visits.visitors.length === 1 ? '' : 's'}`}
        action={entryCount > 0 ? <Link href={`${base}/ledger?customer=${customer.id}`} className="text-sm font-medium text-brand-700 hover:underline">{entryCount} ledger entr{entryCount === 1 ? 'y' : 'ies'} →</Link> : undefined}
      />
      <ReadOnlyNotice role={scope.role} />
      <div className="grid min-w-0 gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card title="Bindings">
            <CustomerBindings bindings={bindings} timeZone={scope.timeZone} />
          </Card>
          <Card title="Orders, refunds and milestones">
            <CustomerEvents events={eventViews} eventHref={(id) => `${base}/events/${id}`} timeZone={scope.timeZone} />
          </Card>
          <Card title="Touches">
            <CustomerTouches clicks={visits.clicks} codes={codes} deals={deals} timeZone={scope.timeZone} />
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          {canBind ? (
            <Card title="Bind by hand">
              <p className="mb-3 text-sm text-slate-600">
                Manual attribution: later events of this customer in the program credit the partner you choose, with share 1, whatever its clicks or codes say.
              </p>
              <BindCustomerForm workspaceSlug={scope.workspaceSlug} customerId={customer.id} choices={choices} boundProgramIds={bindings.map((b) => b.programId)} />
            </Card>
          ) : null}
          <Card title="Visitor ids">
            {visits.visitors.length === 0 ? (
              <p className="text-sm text-slate-500">No visitor id seen with this customer.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {visits.visitors.map((v) => (
                  <li key={v.visitorId} className="flex flex-wrap justify-between gap-2">
                    <code className="break-all text-xs">{v.visitorId}</code>
                    <span className="text-xs text-slate-500">since {formatDate(v.firstSeenAt, scope.timeZone)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
