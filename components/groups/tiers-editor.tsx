'use client';

import { useId, useState } from 'react';
import { Button } from '../ui/button';

export interface TierProgram {
  id: string;
  name: string;
  unit: string;
  status: string;
  /** the group the program is in now, if any */
  groupId: string | null;
  groupName: string | null;
}

/**
 * An ordered list of programs (rank 1 first) with move, remove and add, posted as one hidden
 * `programIds` field in rank order. A program of another group is offered disabled, named with it.
 */
export function TiersEditor({
  programs, tiers, onChange, groupId, error,
}: {
  programs: TierProgram[];
  tiers: string[];
  onChange: (tiers: string[]) => void;
  groupId: string | null;
  error?: string;
}) {
  const id = useId();
  const [adding, setAdding] = useState('');
  const byId = new Map(programs.map((p) => [p.id, p]));
  const move = (from: number, to: number) => {
    const next = [...tiers];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    onChange(next);
  };
  const candidates = programs.filter((p) => !tiers.includes(p.id));
  const free = candidates.filter((p) => !p.groupId || p.groupId === groupId);
  const selected = free.some((p) => p.id === adding) ? adding : (free[0]?.id ?? '');
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-700">Tiers, top first</legend>
      <input type="hidden" name="programIds" value={tiers.join(',')} />
      {tiers.length === 0 ? <p className="text-sm text-slate-500">No programs in this group yet.</p> : (
      <ol className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="tiers">
        {tiers.map((programId, i) => {
          const p = byId.get(programId);
          const name = p?.name ?? 'Unknown program';
          return (
            <li key={programId} className="flex flex-wrap items-center gap-2 px-3 py-2 text-sm">
              <span className="w-8 shrink-0 font-semibold tabular-nums text-slate-500">#{i + 1}</span>
              <span className="min-w-[10rem] flex-1 font-medium text-slate-900">
                {name} <span className="text-xs font-normal text-slate-500">{p?.unit}{p?.status === 'archived' ? ' · archived' : ''}</span>
              </span>
              <span className="ml-auto flex gap-1">
                <Button type="button" variant="secondary" className="px-2 py-1" aria-label={`Move ${name} up`} disabled={i === 0} onClick={() => move(i, i - 1)}>↑</Button>
                <Button type="button" variant="secondary" className="px-2 py-1" aria-label={`Move ${name} down`} disabled={i === tiers.length - 1} onClick={() => move(i, i + 1)}>↓</Button>
                <Button type="button" variant="danger" className="px-2 py-1" aria-label={`Remove ${name}`} onClick={() => onChange(tiers.filter((t) => t !== programId))}>Remove</Button>
              </span>
            </li>
          );
        })}
      </ol>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-0 flex-1 basis-56 flex-col gap-1">
          <label htmlFor={`${id}-add`} className="text-xs font-medium text-slate-600">Add a program</label>
          <select id={`${id}-add`} value={selected} onChange={(e) => setAdding(e.target.value)} className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm">
            {candidates.length === 0 ? <option value="">Every program is listed</option> : null}
            {candidates.map((p) => (
              <option key={p.id} value={p.id} disabled={Boolean(p.groupId && p.groupId !== groupId)}>
                {p.name}{p.groupId && p.groupId !== groupId ? ` (in ${p.groupName})` : ''}{p.status === 'archived' ? ' (archived)' : ''}
              </option>
            ))}
          </select>
        </div>
        <Button type="button" variant="secondary" disabled={!selected} onClick={() => selected && onChange([...tiers, selected])}>Add as lowest tier</Button>
      </div>
      {error ? <p id={`${id}-error`} className="text-xs text-red-600">{error}</p> : null}
    </fieldset>
  );
}
