import Link from 'next/link';
import { getDb } from '@/db/client';
import { listUnits } from '@/db/queries/units';
import { AppError } from '@/lib/errors';
import type { SearchParams } from '@/lib/page-props';
import { requirePortalScope } from '@/lib/server/portal-scope';
import { statementSummary, type StatementSummary } from '@/lib/server/statements';
import { statementPeriod, type StatementPeriod } from '@/lib/server/statements-period';
import { formatDate, formatDateTime } from '@/lib/time';
import { Amount } from '@/components/ui/amount';
import { Button } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { DownloadLink } from '@/components/ui/download-link';
import { Field } from '@/components/ui/field';

// The partner's statement with the chosen merchant: a period of UTC days, its opening and closing
// balance per unit on the page, and the CSV with every movement (app/(partner)/p/statements.csv).

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const day = (at: Date) => at.toISOString().slice(0, 10);
/** Paid out lowers the balance: shown with its minus, like in the file. */
const paidOut = (amount: string) => (/^0(\.0*)?$/.test(amount) ? amount : `-${amount}`);

/** This month, last month, this year so far: the periods people ask for most, as links. */
function shortcuts(now: Date) {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  return [
    { label: 'This month', from: day(new Date(Date.UTC(y, m, 1))), to: day(new Date(Date.UTC(y, m + 1, 0))) },
    { label: 'Last month', from: day(new Date(Date.UTC(y, m - 1, 1))), to: day(new Date(Date.UTC(y, m, 0))) },
    { label: 'This year', from: `${y}-01-01`, to: `${y}-12-31` },
  ];
}

function SummaryTable({ summary, units }: { summary: StatementSummary; units: { key: string; precision: number }[] }) {
  const { opening, closing } = summary.window;
  return (
    <div>
      {/* a phone gets one block per unit, so the closing balance is never scrolled out of sight */}
      <div className="flex flex-col gap-4 sm:hidden">
        {summary.units.map((u) => (
          <dl key={u.unit} className="grid grid-cols-2 gap-x-4 gap-y-1 border-b border-slate-100 pb-3 text-sm last:border-0">
            <dt className="col-span-2 font-semibold text-slate-800">{u.unit}</dt>
            <dt className="text-slate-500">Opening balance</dt>
            <dd className="text-right"><Amount value={u.opening} unit={u.unit} units={units} showUnit={false} /></dd>
            <dt className="text-slate-500">Earned</dt>
            <dd className="text-right"><Amount value={u.earned} unit={u.unit} units={units} showUnit={false} /></dd>
            <dt className="text-slate-500">Paid out</dt>
            <dd className="text-right"><Amount value={paidOut(u.paidOut)} unit={u.unit} units={units} showUnit={false} /></dd>
            <dt className="font-medium text-slate-700">Closing balance</dt>
            <dd className="text-right font-semibold"><Amount value={u.closing} unit={u.unit} units={units} /></dd>
          </dl>
        ))}
      </div>
      <div className="hidden overflow-x-auto sm:block">
        <table className="w-full text-sm" data-testid="statement-summary">
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
              <th className="py-2 pr-4 font-medium">Unit</th>
              <th className="py-2 pr-4 text-right font-medium">Opening balance</th>
              <th className="py-2 pr-4 text-right font-medium">Earned</th>
              <th className="py-2 pr-4 text-right font-medium">Paid out</th>
              <th className="py-2 text-right font-medium">Closing balance</th>
            </tr>
          </thead>
          <tbody>
            {summary.units.map((u) => (
              <tr key={u.unit} className="border-b border-slate-100 last:border-0" data-unit={u.unit} data-opening={u.opening} data-closing={u.closing}>
                <td className="py-2 pr-4 font-medium text-slate-800">{u.unit}</td>
                <td className="py-2 pr-4 text-right"><Amount value={u.opening} unit={u.unit} units={units} showUnit={false} testId="opening" /></td>
                <td className="py-2 pr-4 text-right"><Amount value={u.earned} unit={u.unit} units={units} showUnit={false} /></td>
                <td className="py-2 pr-4 text-right"><Amount value={paidOut(u.paidOut)} unit={u.unit} units={units} showUnit={false} /></td>
                <td className="py-2 text-right font-semibold"><Amount value={u.closing} unit={u.unit} units={units} testId="closing" /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 text-xs text-slate-500">
        Opening at {formatDateTime(opening, 'UTC')}, closing at {formatDateTime(closing, 'UTC')}.
      </p>
    </div>
  );
}

export default async function StatementsPage({ searchParams }: { searchParams: SearchParams }) {
  const { partner, workspace } = await requirePortalScope();
  const query = await searchParams;
  const asked = { from: one(query.from)?.trim() ?? '', to: one(query.to)?.trim() ?? '' };
  const now = new Date();
  let period: StatementPeriod | null = null;
  let problem: AppError | null = null;
  try {
    period = statementPeriod(asked, now);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'invalid_input')) throw err;
    problem = err;
  }
  const db = getDb();
  const party = { partnerId: partner.id, workspaceId: workspace.id };
  const [summary, units] = period ? await Promise.all([statementSummary(db, party, period, now), listUnits(db, workspace.id)]) : [null, []];
  const href = period ? `/p/statements.csv?${new URLSearchParams({ workspace: workspace.slug, from: period.from, to: period.to })}` : null;

  return (
    <>
      <PageHeader
        title="Statements"
        description={`What moved your balance with ${workspace.name} in a period: rewards recorded (reversals and clawbacks too) and payouts, with the balance at the start and the end.`}
        action={href ? <DownloadLink href={href} label="Download statement (CSV)" testId="statement-download" /> : undefined}
      />
      <div className="flex flex-col gap-6">
        <Card title="Period">
          <form method="get" action="/p/statements" className="flex flex-wrap items-end gap-3">
            <Field label="From" name="from" type="date" defaultValue={period?.from ?? asked.from} error={problem?.fields?.from} className="w-44" />
            <Field label="To (inclusive)" name="to" type="date" defaultValue={period?.to ?? asked.to} error={problem?.fields?.to} className="w-44" />
            <Button type="submit">Show</Button>
          </form>
          {problem ? <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{problem.message}</p> : null}
          <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {shortcuts(now).map((s) => (
              <Link key={s.label} href={`/p/statements?${new URLSearchParams({ from: s.from, to: s.to })}`} className="text-brand-700 hover:underline">
                {s.label}
              </Link>
            ))}
          </p>
          <p className="mt-3 text-xs text-slate-500">Days are UTC days, like every time in the file. A statement covers at most three years.</p>
        </Card>
        {period && summary ? (
          <Card title={`${formatDate(period.start, 'UTC')} – ${formatDate(new Date(period.end.getTime() - 1), 'UTC')}`}>
            {summary.units.length === 0 ? (
              <EmptyState title="Nothing yet">You have no rewards with {workspace.name} up to the end of this period.</EmptyState>
            ) : (
              <SummaryTable summary={summary} units={units} />
            )}
            <p className="mt-3 text-xs text-slate-500">
              Your balance is everything you earned (pending, payable or in a payout) less what has been paid to you. A failed payout
              changes nothing; a reversal or clawback lowers it. Today&apos;s closing balance is your pending, payable and processing money
              together.
            </p>
          </Card>
        ) : null}
      </div>
    </>
  );
}
