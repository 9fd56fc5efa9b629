import Link from 'next/link';
import { BALANCE_BUCKETS, ENTRY_KINDS } from '@/lib/domain/ledger';
import type { LedgerFilterValues } from './filters';

const control = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

function Select({ name, label, value, all, options }: { name: string; label: string; value?: string; all: string; options: { value: string; label: string }[] }) {
  return (
    <label className="flex min-w-0 flex-col gap-1 text-xs text-slate-500">
      {label}
      <select name={name} defaultValue={value ?? ''} className={control}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </label>
  );
}

/**
 * The ledger's filters as a plain GET form: every choice lives in the URL with the paging and
 * sorting, so a filtered ledger can be bookmarked, shared and opened without JavaScript.
 */
export function LedgerFilters({
  basePath, values, choices,
}: {
  basePath: string;
  values: LedgerFilterValues;
  choices: { partners: { id: string; name: string }[]; programs: { id: string; name: string }[]; pools: { id: string; name: string }[]; units: string[] };
}) {
  const named = (rows: { id: string; name: string }[]) => rows.map((r) => ({ value: r.id, label: r.name }));
  const plain = (rows: readonly string[]) => rows.map((r) => ({ value: r, label: r }));
  const active = Object.values(values).some(Boolean);
  return (
    <form action={basePath} className="mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="ledger-filters">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        <label className="col-span-2 flex min-w-0 flex-col gap-1 text-xs text-slate-500 sm:col-span-1">
          Search
          <input name="q" defaultValue={values.q} placeholder="Partner or order id" className={control} />
        </label>
        <Select name="partner" label="Partner" value={values.partner} all="All partners" options={named(choices.partners)} />
        <Select name="program" label="Program" value={values.program} all="All programs" options={named(choices.programs)} />
        <Select name="pool" label="Pool" value={values.pool} all="All pools" options={named(choices.pools)} />
        <Select name="kind" label="Kind" value={values.kind} all="All kinds" options={plain(ENTRY_KINDS)} />
        <Select name="status" label="Status" value={values.status} all="Any status" options={plain(BALANCE_BUCKETS)} />
        <Select name="unit" label="Unit" value={values.unit} all="All units" options={plain(choices.units)} />
        <label className="flex min-w-0 flex-col gap-1 text-xs text-slate-500">
          Recorded from
          <input type="date" name="from" defaultValue={values.from} className={control} />
        </label>
        <label className="flex min-w-0 flex-col gap-1 text-xs text-slate-500">
          Recorded until
          <input type="date" name="to" defaultValue={values.to} className={control} />
        </label>
        {values.customer ? <input type="hidden" name="customer" value={values.customer} /> : null}
        <div className="flex items-end gap-3">
          <button className="rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-slate-300 hover:bg-slate-50">Filter</button>
          {active ? <Link href={basePath} className="text-sm text-brand-700 hover:underline">Clear</Link> : null}
        </div>
      </div>
      {values.customer ? <p className="mt-2 text-xs text-slate-500">Only the entries of one customer. <Link href={basePath} className="text-brand-700">Show all</Link></p> : null}
    </form>
  );
}
