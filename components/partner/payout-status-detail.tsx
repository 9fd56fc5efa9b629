import Link from 'next/link';
import type { PayoutStatus } from '@/lib/domain/payouts';

/**
 * What the portal's payouts table says about one payout. A failed transfer is usually a detail to
 * fix ("IBAN rejected by the bank"), so it names the reason and leads to the profile.
 */
export function PayoutStatusDetail({ status, paidAt, reference, failureReason }: { status: PayoutStatus; paidAt: Date | null; reference: string | null; failureReason: string | null }) {
  if (status === 'failed') {
    return (
      <span className="text-xs text-slate-600">
        failed: {failureReason ?? 'no reason given'}; the amount is payable again.{' '}
        <Link href="/p/profile" className="font-medium text-brand-700 underline">Check your payout details</Link>
      </span>
    );
  }
  return <span className="text-xs text-slate-600">{status === 'paid' ? `paid ${paidAt?.toISOString().slice(0, 10)} · ref ${reference}` : 'transfer in progress'}</span>;
}
