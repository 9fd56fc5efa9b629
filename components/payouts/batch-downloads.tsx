import type { BulkFileSummary } from '@/lib/server/exports/bulk-files';
import { formatAmount, formatNumber, type UnitPrecision } from '@/lib/format';
import { DownloadLink } from '../ui/download-link';

const payoutsText = (n: number) => (n === 1 ? '1 payout' : `${formatNumber(n)} payouts`);

/**
 * The batch's files: every payout with its details (CSV), and the bulk-payment files PayPal and
 * Wise take for upload, each with what it pays and what it leaves out (and why), as the download
 * itself reports in its headers. PayPal takes one currency per file, so one button per currency.
 */
export function BatchDownloads({ exportPath, coverage, units }: { exportPath: string; coverage: Record<'paypal' | 'wise', BulkFileSummary>; units: readonly UnitPrecision[] }) {
  const totals = (s: BulkFileSummary) => s.currencies.map((c) => formatAmount(c.total, c.currency, { units })).join(', ');
  return (
    <div className="grid grid-cols-1 gap-5 md:grid-cols-3">
      <section aria-label="All payouts" className="flex flex-col items-start gap-2">
        <DownloadLink href={exportPath} label="All payouts (CSV)" testId="download-batch-csv" />
        <p className="text-xs text-slate-500">Every payout with status, reference and the partner’s payout details in full. Times in UTC.</p>
      </section>
      <section aria-label="PayPal" className="flex flex-col items-start gap-2">
        {coverage.paypal.currencies.length === 0 ? <p className="text-sm text-slate-600">No payout fits a PayPal file.</p> : null}
        <div className="flex flex-wrap gap-2">
          {coverage.paypal.currencies.map((c) => (
            <DownloadLink key={c.currency} href={`${exportPath}?format=paypal&currency=${encodeURIComponent(c.currency)}`} label={`PayPal file, ${c.currency}`} testId={`download-paypal-${c.currency}`} />
          ))}
        </div>
        {coverage.paypal.payouts ? <p className="text-xs text-slate-500">Pays {payoutsText(coverage.paypal.payouts)}: {totals(coverage.paypal)}.</p> : null}
        <LeftOut summary={coverage.paypal} />
      </section>
      <section aria-label="Wise" className="flex flex-col items-start gap-2">
        {coverage.wise.payouts ? <DownloadLink href={`${exportPath}?format=wise`} label="Wise batch file" testId="download-wise" /> : <p className="text-sm text-slate-600">No payout fits a Wise file.</p>}
        {coverage.wise.payouts ? <p className="text-xs text-slate-500">Pays {payoutsText(coverage.wise.payouts)}: {totals(coverage.wise)}.</p> : null}
        <LeftOut summary={coverage.wise} />
      </section>
    </div>
  );
}

function LeftOut({ summary }: { summary: BulkFileSummary }) {
  if (summary.leftOut.length === 0 && !summary.overLimit) return null;
  return (
    <ul className="list-disc pl-4 text-xs text-slate-500">
      {summary.leftOut.map((line) => <li key={line}>Left out: {line}</li>)}
      {summary.overLimit ? <li className="text-amber-700">{summary.overLimit}</li> : null}
    </ul>
  );
}
