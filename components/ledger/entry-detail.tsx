import Link from 'next/link';
import { Badge, PageHeader } from '../ui/card';
import { Explanation } from './explanation';
import { entryStatus } from './ledger-table';
import type { findEntry } from '@/db/queries/ledger-list';
import { rewardRuleSchema } from '@/lib/validation/program';
import { ruleSentence } from '@/lib/format-terms';
import { formatAmount } from '@/lib/format';
import { formatDateTime } from '@/lib/time';

type Entry = NonNullable<Awaited<ReturnType<typeof findEntry>>>;

/**
 * "Computed with version 2 of Referral terms: 10% of qualifying one-time revenue": the version of
 * the program's terms the entry was computed with (explanation.programVersion) and the rule it
 * applied, as recorded then, so an entry keeps its own terms after the program changes.
 * `programsHref` (the console's programs path) links the version; partners get no link.
 */
function VersionLine({ entry, programsHref }: { entry: Entry; programsHref?: string }) {
  const e = entry.explanation as Record<string, unknown>;
  const version = typeof e.programVersion === 'number' ? e.programVersion : null;
  if (version === null || !entry.programName) return null;
  const rule = rewardRuleSchema.safeParse(e.rule);
  const special = (e.rule as { source?: unknown } | undefined)?.source === 'enrollment';
  const programId = typeof e.programId === 'string' ? e.programId : null;
  const label = `version ${version} of ${entry.programName} terms`;
  return (
    <p className="mb-4 rounded-md border border-slate-200 bg-white px-4 py-2 text-sm text-slate-700" data-testid="entry-version">
      Computed with {programsHref && programId ? <Link href={`${programsHref}/${programId}?version=${version}`} className="font-medium text-brand-700">{label}</Link> : label}
      {special ? ' and this partner\u2019s special terms' : ''}
      {rule.success ? `: ${ruleSentence(rule.data, entry.unit ?? '')}.` : '.'}
    </p>
  );
}

/** One entry: its amount and status on top, then why it has that amount. */
export function EntryDetail({ entry, names, backHref, programsHref, timeZone }: { entry: Entry; names: Record<string, string>; backHref: string; programsHref?: string; timeZone?: string }) {
  const status = entryStatus(entry, new Date());
  return (
    <>
      <Link href={backHref} className="text-sm text-brand-700">← Ledger</Link>
      <PageHeader
        title={formatAmount(entry.amount, entry.unit)}
        description={`${entry.kind} for ${entry.partnerName} · ${entry.programName ?? `${entry.poolName} ${entry.poolPeriod}`} · recorded ${entry.createdAt ? formatDateTime(entry.createdAt, timeZone) : '—'} · payable from ${entry.payableAt ? formatDateTime(entry.payableAt, timeZone) : '—'}`}
        action={<Badge tone={status === 'paid' ? 'blue' : status === 'payable' ? 'green' : 'amber'}>{status}</Badge>}
      />
      <VersionLine entry={entry} programsHref={programsHref ?? backHref.match(/^\/m\/[^/]+\//)?.[0].concat('programs')} />
      <Explanation explanation={entry.explanation} names={names} unit={entry.unit ?? undefined} partnerId={entry.partnerId} />
    </>
  );
}
