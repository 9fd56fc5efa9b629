import Link from 'next/link';
import { ENROLLMENT_STATUSES } from '@/lib/domain/enrollments';
import { PARTNER_CATEGORIES } from '@/lib/domain/programs';
import { categoryLabel } from '@/lib/format';

const control = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

/**
 * The partner directory's filters as a plain GET form (like the shared FilterBar, with three
 * selects), so search, status, program and category live in the URL with paging and sorting.
 */
export function PartnerFilters({
  basePath,
  values,
  programs,
}: {
  basePath: string;
  values: { q?: string; status?: string; program?: string; category?: string };
  programs: { id: string; name: string }[];
}) {
  const active = Boolean(values.q || values.status || values.program || values.category);
  return (
    <form className="mb-4 flex flex-wrap items-center gap-2" action={basePath}>
      <input name="q" defaultValue={values.q} placeholder="Search name or email" aria-label="Search name or email" className={`${control} w-full px-3 sm:w-64`} />
      <select name="status" defaultValue={values.status ?? ''} aria-label="Status" className={control}>
        <option value="">All statuses</option>
        {ENROLLMENT_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      <select name="program" defaultValue={values.program ?? ''} aria-label="Program" className={`${control} max-w-[12rem]`}>
        <option value="">All programs</option>
        {programs.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
      </select>
      <select name="category" defaultValue={values.category ?? ''} aria-label="Category" className={control}>
        <option value="">All categories</option>
        {PARTNER_CATEGORIES.map((c) => <option key={c} value={c}>{categoryLabel[c]}</option>)}
      </select>
      <button className="rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-slate-300">Filter</button>
      {active ? <Link href={basePath} className="text-sm text-brand-700 hover:underline">Clear</Link> : null}
    </form>
  );
}
