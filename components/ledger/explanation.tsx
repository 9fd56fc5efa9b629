import type { ReactNode } from 'react';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const asObj = (v: Json | undefined): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);
const asList = (v: Json | undefined): Obj[] => (Array.isArray(v) ? (v.filter((x) => asObj(x)) as Obj[]) : []);
const text = (v: Json | undefined) => (v === null || v === undefined ? '—' : String(v));
const when = (v: Json | undefined) => (typeof v === 'string' ? v.replace('T', ' ').slice(0, 16) + ' UTC' : '—');

const refusalWords: Record<string, string> = {
  self_referral: 'self-referral: the customer is the partner',
  not_approved: 'partner not approved in this program at the time',
  outside_window: 'outside the attribution window',
  bot: 'a bot click',
  duplicate_click: 'repeat click within one hour',
  unknown_code: 'unknown code',
  expired: 'registration expired',
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="mb-3 text-sm font-semibold text-slate-800">{title}</h2>
      {children}
    </section>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="font-medium text-slate-800 tabular-nums">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Why an entry has its amount, in the words of the spec: the touches considered and refused, the
 * attribution model and shares, revenue and FX, the rule and its rounding, group decisions, and
 * for reversals the refund behind them. `names` turns ids into partner and program names.
 */
export function Explanation({ explanation, names }: { explanation: Obj; names: Record<string, string> }) {
  const name = (id: Json | undefined) => (typeof id === 'string' ? (names[id] ?? id.slice(0, 8)) : '—');
  const attribution = asObj(explanation.attribution);
  const revenue = asObj(explanation.revenue);
  const rule = asObj(explanation.rule);
  const computation = asObj(explanation.computation);
  const group = asObj(explanation.group);
  const refund = asObj(explanation.refund);
  const original = asObj(explanation.original);
  const event = asObj(explanation.event);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {event ? (
        <Section title="Event">
          <Facts rows={[['Type', text(event.type)], ['Sender id', text(event.id)], ['Customer', text(event.customerId)], ['At', when(event.at)]]} />
        </Section>
      ) : null}
      {attribution ? (
        <Section title={attribution.model ? `Attribution · ${String(attribution.model).replace('_', ' ')}` : 'Attribution'}>
          <p className="mb-2 text-xs text-slate-500">
            {attribution.source === 'binding' ? 'The customer was already bound to this program; the binding\u2019s shares apply.' : 'Touches in time order:'}
          </p>
          {asList(attribution.touches).length ? (
            <ul className="mb-3 space-y-1 text-sm">
              {asList(attribution.touches).map((t, i) => (
                <li key={i} className="flex justify-between gap-4">
                  <span>{text(t.kind)} <span className="text-slate-500">{text(t.ref)}</span> · {name(t.partnerId)}</span>
                  <span className="text-slate-500">{when(t.at)}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <Facts rows={asList(attribution.shares).map((s) => [name(s.partnerId), `share ${text(s.share)}`])} />
          {asList(attribution.refused).length ? (
            <div className="mt-3 rounded-md bg-amber-50 p-3 text-xs text-amber-800">
              <p className="mb-1 font-semibold">Signals not counted</p>
              <ul className="space-y-0.5">
                {asList(attribution.refused).map((r, i) => (
                  <li key={i}>
                    {text(r.kind)} {text(r.ref)} ({name(r.partnerId)}): {refusalWords[text(r.reason)] ?? text(r.reason)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </Section>
      ) : null}
      {revenue ? (
        <Section title="Revenue and FX">
          <Facts
            rows={[
              ['Qualifying revenue', `${text(revenue.qualifying)} ${text(revenue.currency)} (${text(revenue.qualifyingLines)} ${revenue.qualifyingLines === 1 ? 'line' : 'lines'})`],
              ['FX to base', `1 ${text(revenue.currency)} = ${text(revenue.fxRateToBase)} ${text(revenue.baseCurrency)}`],
              ['In base currency', `${text(revenue.qualifyingBase)} ${text(revenue.baseCurrency)}`],
              ['Unit value', `1 ${text(revenue.unit)} = ${text(revenue.unitValueInBase)} ${text(revenue.baseCurrency)}`],
              ['One-time in unit', text(revenue.nonRecurringInUnit)],
              ['Recurring in unit', text(revenue.recurringInUnit)],
            ]}
          />
        </Section>
      ) : null}
      {rule || computation ? (
        <Section title="Rule and rounding">
          <Facts
            rows={[
              ...(rule ? ([['Rule', `${text(rule.type)} (${text(rule.source)} rule #${Number(rule.index ?? 0) + 1})`], ['Terms', rule.percent ? `${text(rule.percent)}% of ${text(rule.appliedTo)}` : text(rule.amount)]] as [string, ReactNode][]) : []),
              ...(computation
                ? ([['Exact total', text(computation.exactTotal)], ['Rounded half-up', text(computation.roundedTotal)], ['This partner\u2019s share', text(computation.partnerShare)], ['Split', 'largest remainder; ties to the earliest first touch']] as [string, ReactNode][])
                : []),
            ]}
          />
        </Section>
      ) : null}
      {group ? (
        <Section title="Program group">
          <p className="mb-2 text-sm text-slate-600">
            {text(group.strategy) === 'highest_rank' ? 'The best-ranked program pays.' : 'The program with the larger reward pays (ties: better rank).'} Paid by <b>{name(group.paidBy)}</b>.
          </p>
          <Facts rows={asList(group.candidates).map((c) => [`#${text(c.rank)} ${name(c.programId)}`, c.totalBase ? `${text(c.totalBase)} in base` : c.programId === group.paidBy ? 'pays' : 'dropped'])} />
        </Section>
      ) : null}
      {refund ? (
        <Section title="Refund">
          <Facts
            rows={[
              ['Refund', `${text(refund.amount)} of ${text(refund.orderTotal)} (${text(refund.id)})`],
              ['Refunded so far', `${text(refund.refundedTotal)} · fraction ${text(refund.fraction)}`],
              ['Original entry', original ? `${text(original.amount)}${original.inPayout ? ' · already in a payout, so clawed back' : ''}` : '—'],
              ['Left after this', text(explanation.remainingAfter)],
            ]}
          />
        </Section>
      ) : null}
      <details className="lg:col-span-2">
        <summary className="cursor-pointer text-xs text-slate-500">Raw explanation (JSON)</summary>
        <pre className="mt-2 overflow-x-auto rounded-md bg-slate-900 p-4 text-xs text-slate-100">{JSON.stringify(explanation, null, 2)}</pre>
      </details>
    </div>
  );
}
