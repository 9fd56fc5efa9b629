import Link from 'next/link';
import { requireMerchant } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { listCustomers, type CustomerListRow } from '@/db/queries/setup-lists';
import { formatDate } from '@/lib/time';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { ServerTable, tableStateFrom, type Column } from '@/components/data-table/server-table';
import type { WorkspaceTablePageProps } from '@/lib/page-props';
import { FilterBar } from '@/components/data-table/filter-bar';

const SORTS = ['externalId', 'createdAt'] as const;

export default async function CustomersPage({ params, searchParams }: WorkspaceTablePageProps) {
  const { scope } = await requireMerchant((await params).workspace);
  const sp = await searchParams;
  const state = tableStateFrom(sp, SORTS, { sort: 'createdAt', dir: 'desc', pageSize: 50 });
  const search = typeof sp.q === 'string' && sp.q ? sp.q.slice(0, 100) : undefined;
  const { rows, total } = await listCustomers(getDb(), scope.workspaceId, { ...state, sort: state.sort as (typeof SORTS)[number], search });
  const base = `/m/${scope.workspaceSlug}/customers`;
  const columns: Column<CustomerListRow>[] = [
    {
      key: 'externalId', header: 'Customer id', sortKey: 'externalId',
      cell: (r) => <Link href={`${base}/${r.id}`} className="font-mono text-xs font-medium text-brand-700 hover:underline">{r.externalId}</Link>,
    },
    { key: 'email', header: 'Email', cell: (r) => r.email ?? '—' },
    { key: 'boundTo', header: 'Bound to', cell: (r) => <span className="text-xs">{r.boundTo ?? 'no partner'}</span> },
    { key: 'createdAt', header: 'First seen', sortKey: 'createdAt', cell: (r) => <span className="whitespace-nowrap">{formatDate(r.createdAt, scope.timeZone)}</span> },
  ];
  return (
    <>
      <PageHeader title="Customers" description="Customers named by your storefront's events, and the partners each is bound to per program. Open one to see its touches and orders, or to bind it by hand." />
      <FilterBar basePath={base} search={{ value: search, placeholder: 'Customer id or email' }} submitLabel="Search" />
      <ServerTable rows={rows} total={total} columns={columns} state={state} basePath={base} params={{ q: search }} rowKey={(r) => r.id}
        empty={<EmptyState title="No customers yet">Customers appear when orders arrive.</EmptyState>} />
    </>
  );
}
