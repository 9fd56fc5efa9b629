import Link from 'next/link';
import { Badge, PageHeader } from '../ui/card';
import { Explanation } from './explanation';
import { entryStatus } from './ledger-table';
import type { findEntry } from '@/db/queries/ledger-list';

type Entry = NonNullable<Awaited<ReturnType<typeof findEntry>>>;

/** One entry: its amount and status on top, then why it has that amount. */
export function EntryDetail({ entry, names, backHref }: { entry: Entry; names: Record<string, string>; backHref: string }) {
  const status = entryStatus(entry, new Date());
  return (
    <>
      <Link href={backHref} className="text-sm text-brand-700">← Ledger</Link>
      <PageHeader
        title={`${entry.amount} ${entry.unit}`}
        description={`${entry.kind} for ${entry.partnerName} · ${entry.programName ?? `${entry.poolName} ${entry.poolPeriod}`} · recorded ${entry.createdAt?.toISOString().slice(0, 10)} · payable from ${entry.payableAt?.toISOString().slice(0, 10)}`}
        action={<Badge tone={status === 'paid' ? 'blue' : status === 'payable' ? 'green' : 'amber'}>{status}</Badge>}
      />
      <Explanation explanation={entry.explanation} names={names} />
    </>
  );
}
