'use client';

import { useId, useState, type KeyboardEvent } from 'react';
import type { ProgramScope } from '@/lib/validation/program';

type Kind = 'products' | 'plans' | 'categories';
type Side = 'include' | 'exclude';
type Lists = Record<Side, Record<Kind, string[]>>;

const kinds: { kind: Kind; label: string }[] = [
  { kind: 'products', label: 'Products' },
  { kind: 'plans', label: 'Plans' },
  { kind: 'categories', label: 'Categories' },
];

function listsOf(scope: ProgramScope): Lists {
  const side = (s: ProgramScope['include']) => ({ products: [...(s?.products ?? [])], plans: [...(s?.plans ?? [])], categories: [...(s?.categories ?? [])] });
  return { include: side(scope.include), exclude: side(scope.exclude) };
}

function TagList({ side, label, values, suggestions, onChange, error }: {
  side: Side;
  label: string;
  values: string[];
  suggestions: string[];
  onChange: (values: string[]) => void;
  error?: string;
}) {
  const uid = useId();
  const [draft, setDraft] = useState('');
  const add = () => {
    const value = draft.trim();
    if (value && !values.includes(value)) onChange([...values, value]);
    setDraft('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    }
  };
  const inputId = `${uid}-input`;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={inputId} className="text-xs font-medium text-slate-600">
        {label} to {side}
      </label>
      {values.length ? (
        <ul className="flex flex-wrap gap-1.5" aria-label={`${label} ${side === 'include' ? 'included' : 'excluded'}`}>
          {values.map((v) => (
            <li key={v} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${side === 'include' ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}`}>
              {v}
              <button type="button" onClick={() => onChange(values.filter((x) => x !== v))} aria-label={`Remove ${v} from ${label.toLowerCase()} to ${side}`} className="text-slate-500 hover:text-slate-900">
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex gap-1.5">
        <input
          id={inputId}
          list={`${uid}-suggestions`}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKey}
          // a value typed but not added still counts: it is added when the field is left
          onBlur={add}
          placeholder={suggestions[0] ? `e.g. ${suggestions[0]}` : 'type a value'}
          className="w-full min-w-0 rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm outline-none focus:ring-2 focus:ring-brand-500"
        />
        <button type="button" onClick={add} className="shrink-0 rounded-md px-2.5 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50" aria-label={`Add to ${label.toLowerCase()} to ${side}`}>
          Add
        </button>
      </div>
      <datalist id={`${uid}-suggestions`}>
        {suggestions.filter((s) => !values.includes(s)).map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      {error ? <p className="text-xs text-red-600">{error}</p> : null}
    </div>
  );
}

/**
 * Which order lines a program pays on: include and exclude lists of products, plans and
 * categories (empty includes mean everything; an exclusion always wins). Suggestions are the values
 * the workspace's storefront has sent. The lists travel as JSON in the hidden field `scope`.
 */
export function ScopeEditor({ initial, suggestions, errors = {} }: { initial: ProgramScope; suggestions: Record<Kind, string[]>; errors?: Record<string, string> }) {
  const [lists, setLists] = useState<Lists>(() => listsOf(initial));
  const set = (side: Side, kind: Kind, values: string[]) => setLists((l) => ({ ...l, [side]: { ...l[side], [kind]: values } }));
  const fieldError = (side: Side, kind: Kind) => Object.entries(errors).find(([k]) => k.startsWith(`scope.${side}.${kind}`))?.[1];
  return (
    <div className="flex flex-col gap-4" data-testid="scope-editor">
      <input type="hidden" name="scope" value={JSON.stringify(lists)} />
      {(['include', 'exclude'] as const).map((side) => (
        <fieldset key={side} className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">{side === 'include' ? 'Include (leave empty to include everything)' : 'Exclude (always wins)'}</legend>
          <div className="grid gap-3 md:grid-cols-3">
            {kinds.map(({ kind, label }) => (
              <TagList key={kind} side={side} label={label} values={lists[side][kind]} suggestions={suggestions[kind]} onChange={(v) => set(side, kind, v)} error={fieldError(side, kind)} />
            ))}
          </div>
        </fieldset>
      ))}
      {errors.scope ? <p className="text-xs text-red-600">{errors.scope}</p> : null}
    </div>
  );
}
