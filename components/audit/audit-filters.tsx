import Link from 'next/link';
import { apiKeyLabel } from '@/lib/explain/audit';

const control = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

export interface AuditFilterState {
  actor?: string;
  subject?: string;
  subjectId?: string;
  action?: string;
  from?: string;
  to?: string;
}

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
 * The audit log's filters as a plain GET form: they live in the URL, so a filtered log can be
 * shared, and the CSV link carries the same query string. Days are UTC, like the export.
 */
export function AuditFilters({
  basePath, values, choices, subjectLabel,
}: {
  basePath: string;
  values: AuditFilterState;
  choices: {
    actors: { id: string; email: string; name: string | null }[];
    /** keys that made changes through the REST API; their option values are `key:<id>` */
    apiKeys?: { id: string; name: string; prefix: string }[];
    actions: string[];
    subjects: { value: string; label: string }[];
  };
  /** what the subject id filter names, when one is set ("program Agencies") */
  subjectLabel?: string;
}) {
  const active = Object.values(values).some(Boolean);
  return (
    <form action={basePath} className="mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="audit-filters">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Select
          name="actor" label="Who" value={values.actor} all="Anyone"
          options={[
            ...choices.actors.map((a) => ({ value: a.id, label: a.name ? `${a.name} (${a.email})` : a.email })),
            ...(choices.apiKeys ?? []).map((k) => ({ value: `key:${k.id}`, label: apiKeyLabel(k.name, k.prefix) })),
          ]}
        />
        <Select name="subject" label="Kind" value={values.subject} all="Every kind" options={choices.subjects} />
        <Select name="action" label="Action" value={values.action} all="Every action" options={choices.actions.map((a) => ({ value: a, label: a }))} />
        <label className="flex min-w-0 flex-col gap-1 text-xs text-slate-500">
          From (UTC day)
          <input type="date" name="from" defaultValue={values.from} className={control} />
        </label>
        <label className="flex min-w-0 flex-col gap-1 text-xs text-slate-500">
          Until (UTC day)
          <input type="date" name="to" defaultValue={values.to} className={control} />
        </label>
        {values.subjectId ? <input type="hidden" name="subjectId" value={values.subjectId} /> : null}
        <div className="flex items-end gap-3">
          <button className="rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-slate-300 hover:bg-slate-50">Filter</button>
          {active ? <Link href={basePath} className="text-sm text-brand-700 hover:underline">Clear</Link> : null}
        </div>
      </div>
      {values.subjectId ? (
        <p className="mt-2 text-xs text-slate-500">
          Only the history of {subjectLabel ?? 'one record'}. <Link href={basePath} className="text-brand-700">Show all</Link>
        </p>
      ) : null}
    </form>
  );
}
