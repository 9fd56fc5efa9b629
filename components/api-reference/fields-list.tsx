import type { FieldRow } from './schema-fields';
import type { ParamRow } from './reference';
import { Prose } from './prose';

/**
 * Fields as a list rather than a table: a name, its type and whether it is required on one line,
 * the description and constraints under it. Reads the same at 390 px as at 1440 without scrolling
 * sideways; nesting is shown by indentation and the dotted path.
 */
// nesting by indentation, capped so a deep field keeps room for its words on a phone
const INDENT = ['pl-3', 'pl-6', 'pl-9', 'pl-12'] as const;

export function FieldsList({ rows, testId }: { rows: readonly FieldRow[]; testId?: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">No fields.</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid={testId}>
      {rows.map((r, i) => (
        <li key={`${r.path}-${r.variant ?? ''}-${i}`} className={`min-w-0 py-2 pr-3 ${INDENT[Math.min(r.depth, INDENT.length - 1)]}`}>
          <FieldHead name={r.path} type={r.type} required={r.required} nullable={r.nullable} variant={r.variant} />
          {r.description ? <Prose text={r.description} className="mt-0.5 text-sm text-slate-600" /> : null}
          <Notes notes={r.notes} />
        </li>
      ))}
    </ul>
  );
}

export function ParamsList({ rows }: { rows: readonly ParamRow[] }) {
  return (
    <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="parameters">
      {rows.map((p) => (
        <li key={`${p.in}-${p.name}`} className="min-w-0 px-3 py-2">
          <FieldHead name={p.name} type={p.type} required={p.required} where={p.in} />
          {p.description ? <Prose text={p.description} className="mt-0.5 text-sm text-slate-600" /> : null}
          <Notes notes={p.notes} />
        </li>
      ))}
    </ul>
  );
}

function FieldHead({ name, type, required, nullable, variant, where }: { name: string; type: string; required: boolean; nullable?: boolean; variant?: string; where?: string }) {
  return (
    <p className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 text-sm">
      <code className="break-all font-mono font-semibold text-slate-900">{name}</code>
      <span className="text-xs text-slate-500">{type}{nullable ? ' or null' : ''}</span>
      {where ? <span className="text-xs text-slate-400">in {where}</span> : null}
      {required ? <span className="text-xs font-medium text-amber-700">required</span> : null}
      {variant ? <span className="text-xs italic text-slate-500">{variant}</span> : null}
    </p>
  );
}

function Notes({ notes }: { notes: readonly string[] }) {
  if (notes.length === 0) return null;
  return <p className="mt-0.5 break-words text-xs text-slate-500">{notes.join(' · ')}</p>;
}
