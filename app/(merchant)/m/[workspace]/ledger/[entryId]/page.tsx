import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireMerchant } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { findEntry } from '@/db/queries/ledger-list';
import { idsIn, namesForIds } from '@/db/queries/names';
import { EntryDetail } from '@/components/ledger/entry-detail';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export default async function EntryPage({ params }: { params: Promise<{ workspace: string; entryId: string }> }) {
  const { workspace, entryId } = await params;
  const { scope } = await requireMerchant(workspace);
  if (!UUID.test(entryId)) notFound();
  const db = getDb();
  const entry = await findEntry(db, { workspaceId: scope.workspaceId }, entryId);
  if (!entry) notFound();
  const { partnerNames, otherNames } = await namesForIds(db, scope.workspaceId, idsIn(entry.explanation));
  const poolName = entry.poolId && entry.poolName ? { [entry.poolId]: entry.poolName } : {};
  const base = `/m/${scope.workspaceSlug}`;
  return (
    <>
      <EntryDetail entry={entry} names={{ ...partnerNames, ...otherNames, ...poolName }} backHref={`${base}/ledger`} timeZone={scope.timeZone} />
      {entry.eventId ? (
        <p className="mt-6 text-sm">
          <Link href={`${base}/events/${entry.eventId}`} className="font-medium text-brand-700 hover:underline">
            Open the event behind this entry, with every entry it wrote →
          </Link>
        </p>
      ) : null}
    </>
  );
}
