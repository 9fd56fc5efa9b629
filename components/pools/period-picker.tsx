import { Button } from '../ui/button';

/**
 * Chooses the period to preview: a GET form, so the preview is a page that writes nothing and the
 * chosen period stays in the URL. Only the periods that can be closed are offered.
 */
export function PeriodPicker({ periods, selected, error }: { periods: string[]; selected?: string; error?: string }) {
  if (periods.length === 0) {
    return <p className="text-sm text-slate-500">No period can be closed now: the current one has not ended, and every earlier one of this pool is closed.</p>;
  }
  return (
    <form method="get" className="flex flex-wrap items-end gap-2">
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor="close-period" className="text-sm font-medium text-slate-700">Period to close</label>
        <select id="close-period" name="period" defaultValue={selected ?? periods[0]} aria-invalid={error ? true : undefined} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm">
          {periods.map((p) => (
            <option key={p} value={p}>{p}</option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary">Preview the closing</Button>
      {error ? <p className="basis-full text-xs text-red-600">{error}</p> : null}
    </form>
  );
}
