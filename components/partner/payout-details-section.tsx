import type { PartnerPayoutDetailsRow } from '@/db/queries/payout-details';
import { formatDateTime } from '@/lib/time';
import { Badge, Card } from '../ui/card';
import { PayoutDetailsForm } from './payout-details-form';

/**
 * The profile's payout details: one card per workspace the partner belongs to (each merchant pays
 * separately), with what is on file, masked, and the form to change it. Without details on file the
 * form is open and the card says the merchant cannot pay yet.
 */
export function PayoutDetailsSection({ records, countries }: { records: PartnerPayoutDetailsRow[]; countries: { value: string; label: string }[] }) {
  return (
    <div role="region" aria-labelledby="payout-details-heading" className="flex flex-col gap-4">
      <div>
        <h2 id="payout-details-heading" className="text-lg font-semibold text-slate-900">Payout details</h2>
        <p className="text-sm text-slate-500">How each merchant pays you. Stored encrypted; merchants see them masked, and use them whole only in the payment files they send to their bank.</p>
      </div>
      {records.map((r) => (
        <Card key={r.partnerId} title={r.workspaceName} action={r.masked ? <Badge tone="green">On file</Badge> : <Badge tone="amber">Needs payout details</Badge>}>
          <div className="flex flex-col gap-4" data-testid={`payout-details-${r.partnerId}`}>
            {r.masked ? (
              <div className="flex flex-col gap-1">
                <p className="break-words font-mono text-sm text-slate-900" data-testid="payout-details-masked">{r.masked}</p>
                {r.updatedAt ? <p className="text-xs text-slate-500">Updated {formatDateTime(r.updatedAt, r.timeZone)}</p> : null}
              </div>
            ) : (
              <p className="text-sm text-amber-800">No payout details yet: {r.workspaceName} cannot pay you until you add them.</p>
            )}
            {r.masked ? (
              <details className="group">
                <summary className="cursor-pointer text-sm font-medium text-brand-700">Change payout details</summary>
                <div className="mt-4">
                  <PayoutDetailsForm partnerId={r.partnerId} currentMethod={r.method} countries={countries} />
                </div>
              </details>
            ) : (
              <PayoutDetailsForm partnerId={r.partnerId} currentMethod={null} countries={countries} />
            )}
          </div>
        </Card>
      ))}
    </div>
  );
}
