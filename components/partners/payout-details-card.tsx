import type { MaskedPayoutDetails } from '@/lib/server/payout-details';
import { formatDateTime } from '@/lib/time';
import { Badge, Card } from '../ui/card';

/**
 * The console's view of a partner's payout details: the masked summary and when it last changed.
 * The details themselves appear only in the payment files finance exports.
 */
export function PayoutDetailsCard({ details, hasAccount, timeZone }: { details: MaskedPayoutDetails | undefined; hasAccount: boolean; timeZone: string }) {
  return (
    <Card title="Payout details" action={details ? null : <Badge tone="amber">Needs payout details</Badge>}>
      {details ? (
        <div className="flex flex-col gap-1">
          <p className="break-words font-mono text-sm text-slate-900" data-testid="payout-details-masked">{details.masked}</p>
          <p className="text-xs text-slate-500">Updated {formatDateTime(details.updatedAt, timeZone)} · shown whole only in payout exports</p>
        </div>
      ) : (
        <p className="text-sm text-slate-600">
          None on file: payout batches list this partner as needing payout details.{' '}
          {hasAccount ? 'The partner enters them in the portal, under Profile.' : 'The partner has no portal account yet: applying to any program with this email creates one, then they enter them under Profile.'}
        </p>
      )}
    </Card>
  );
}
