import { notFound } from 'next/navigation';
import { requirePartner } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { findEntry } from '@/db/queries/ledger-list';
import { idsIn, namesForIds } from '@/db/queries/names';
import { EntryDetail } from '@/components/ledger/entry-detail';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export default async function PartnerEntryPage({ params }: { params: Promise<{ entryId: string }> }) {
  const { entryId } = await params;
  const { partners } = await requirePartner();
  if (!UUID.test(entryId)) notFound();
  const db = getDb();
  const entry = await findEntry(db, { partnerIds: partners.map((p) => p.id) }, entryId);
  if (!entry) notFound();
  const { partnerNames, otherNames } = await namesForIds(db, entry.workspaceId, idsIn(entry.explanation));
  // a partner sees its own name and program names; other partners who shared the credit stay anonymous
  const mine = new Set(partners.map((p) => p.id));
  const names: Record<string, string> = { ...otherNames };
  for (const id of Object.keys(partnerNames)) names[id] = mine.has(id) ? 'you' : 'another partner';
  return <EntryDetail entry={{ ...entry, partnerName: 'you' }} names={names} backHref="/p/earnings" />;
}
