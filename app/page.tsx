import Link from 'next/link';

const features = [
  ['Several programs side by side', 'Agencies, referrers, resellers, affiliates, implementation partners and internal sales, each with its own unit, scope and terms.'],
  ['Exact money', 'Decimal arithmetic end to end, ISO 4217 precision, splits that add up to the cent, FX by effective date.'],
  ['Explainable attribution', 'Every reward says which clicks, coupons and deals it considered, which model it used and why.'],
  ['Nothing paid twice, nothing lost', 'Idempotent event ingestion, immutable ledger, payouts with minimums, holds and clawbacks.'],
];

export default function Landing() {
  return (
    <main className="mx-auto max-w-5xl px-6 py-16">
      <nav className="mb-16 flex items-center justify-between">
        <span className="text-lg font-semibold text-brand-700">PartnerLedger</span>
        <div className="flex gap-4 text-sm">
          <Link href="/sign-in" className="text-slate-600 hover:text-slate-900">Sign in</Link>
          <Link href="/sign-up" className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">Start a workspace</Link>
        </div>
      </nav>
      <h1 className="max-w-3xl text-4xl font-semibold tracking-tight text-slate-900">
        Partner and referral programs your finance team can trust.
      </h1>
      <p className="mt-4 max-w-2xl text-lg text-slate-600">
        Tracked links and coupons, deal registration, signed order events, Stripe and Shopify, and payouts exported as CSV.
      </p>
      <div className="mt-12 grid gap-6 sm:grid-cols-2">
        {features.map(([title, text]) => (
          <div key={title} className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="font-semibold text-slate-900">{title}</h2>
            <p className="mt-1 text-sm text-slate-600">{text}</p>
          </div>
        ))}
      </div>
    </main>
  );
}
