/**
 * The filter row above a server table: a plain GET form, so filters live in the URL with the
 * paging and sorting and work without JavaScript.
 */
export function FilterBar({
  basePath,
  search,
  select,
  submitLabel = 'Filter',
}: {
  basePath: string;
  search?: { value?: string; placeholder: string };
  select?: { name: string; value?: string; label: string; allLabel: string; options: readonly string[] };
  submitLabel?: string;
}) {
  return (
    <form className="mb-4 flex flex-wrap gap-2" action={basePath}>
      {search ? (
        <input name="q" defaultValue={search.value} placeholder={search.placeholder} aria-label={search.placeholder} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
      ) : null}
      {select ? (
        <select name={select.name} defaultValue={select.value ?? ''} aria-label={select.label} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
          <option value="">{select.allLabel}</option>
          {select.options.map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
      ) : null}
      <button className="rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-slate-300">{submitLabel}</button>
    </form>
  );
}
