// Why a payout of a batch is not in a bulk-payment file (PayPal, Wise), counted so the download says
// it in a header and the batch page beside its buttons: nobody should think a file pays everyone
// when it does not.

export type LeftOutReason =
  /** paid or failed already: a bulk file pays what is still processing */
  | 'settled'
  /** points, credits: a workspace unit no bank moves */
  | 'not_currency'
  /** PayPal takes one currency per file; the others have their own file */
  | 'other_currency'
  /** the partner has not entered payout details ("needs payout details") */
  | 'no_details'
  /** the partner is paid another way than this file pays */
  | 'other_method'
  /** a local bank account of a country the Wise file has no columns for */
  | 'bank_not_supported';

export type FileFit = { fits: true } | { fits: false; reason: LeftOutReason };

export const FITS: FileFit = { fits: true };
export const leftOut = (reason: LeftOutReason): FileFit => ({ fits: false, reason });

export type BulkFormat = 'paypal' | 'wise';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Counts per reason, and which units the unit reasons were about (for "in points, credits"). */
export class LeftOutTally {
  readonly counts = new Map<LeftOutReason, number>();
  private readonly units = new Map<LeftOutReason, Set<string>>();

  add(reason: LeftOutReason, unit: string, payouts = 1) {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + payouts);
    if (!this.units.has(reason)) this.units.set(reason, new Set());
    this.units.get(reason)!.add(unit);
  }

  clone(): LeftOutTally {
    const copy = new LeftOutTally();
    for (const [reason, n] of this.counts) copy.counts.set(reason, n);
    for (const [reason, units] of this.units) copy.units.set(reason, new Set(units));
    return copy;
  }

  get total(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }

  /** One line per reason, in a fixed order: "2 payouts in points (not a currency)". */
  lines(format: BulkFormat): string[] {
    const unitsOf = (r: LeftOutReason) => [...(this.units.get(r) ?? [])].sort().join(', ');
    const text: Record<LeftOutReason, (n: number) => string> = {
      settled: (n) => `${plural(n, 'payout')} already paid or failed`,
      not_currency: (n) => `${plural(n, 'payout')} in ${unitsOf('not_currency')} (not a currency)`,
      other_currency: (n) => `${plural(n, 'payout')} in ${unitsOf('other_currency')} (PayPal takes one currency per file)`,
      no_details: (n) => `${plural(n, 'payout')} to partners without payout details`,
      other_method: (n) =>
        format === 'paypal' ? `${plural(n, 'payout')} to partners without a PayPal email` : `${plural(n, 'payout')} to partners paid by PayPal or another way`,
      bank_not_supported: (n) => `${plural(n, 'payout')} to local bank accounts the Wise file has no columns for`,
    };
    const order: LeftOutReason[] = ['settled', 'not_currency', 'other_currency', 'no_details', 'other_method', 'bank_not_supported'];
    return order.filter((r) => this.counts.has(r)).map((r) => text[r](this.counts.get(r)!));
  }
}
