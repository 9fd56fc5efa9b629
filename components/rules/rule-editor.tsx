'use client';

import { useId, useRef, useState } from 'react';
import { RULE_TYPES, type RuleType } from '@/lib/domain/programs';
import { ruleTypeLabel } from '@/lib/format-terms';
import type { RewardRule } from '@/lib/validation/program';

/** Every field a rule row may show, kept as typed so a refused save loses nothing. */
interface DraftRule {
  key: number;
  type: RuleType;
  percent: string;
  amount: string;
  name: string;
  durationMonths: string;
}

export const MAX_RULES = 20;

function draftOf(rule: RewardRule, key: number): DraftRule {
  return {
    key,
    type: rule.type,
    percent: 'percent' in rule ? rule.percent : '',
    amount: 'amount' in rule ? rule.amount : '',
    name: rule.type === 'milestone' ? rule.name : '',
    durationMonths: rule.type === 'recurring_share' && rule.durationMonths != null ? String(rule.durationMonths) : '',
  };
}

/** What the action receives; the server validates it with the same schema as the engine's rules. */
function ruleOf(d: DraftRule): Record<string, unknown> {
  switch (d.type) {
    case 'one_time_share':
      return { type: d.type, percent: d.percent.trim() };
    case 'recurring_share': {
      const months = d.durationMonths.trim();
      // a non-number stays text so the server names the field instead of silently dropping it
      return { type: d.type, percent: d.percent.trim(), durationMonths: months === '' ? null : /^\d+$/.test(months) ? Number(months) : months };
    }
    case 'per_customer':
    case 'per_order':
      return { type: d.type, amount: d.amount.trim() };
    case 'milestone':
      return { type: d.type, name: d.name.trim(), amount: d.amount.trim() };
  }
}

const inputClass = (error?: string) =>
  `w-full rounded-md border px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-brand-500 ${error ? 'border-red-400' : 'border-slate-300'}`;

function Input({ id, label, value, onChange, error, suffix, ...rest }: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string; suffix?: string; inputMode?: 'decimal' | 'numeric'; placeholder?: string; className?: string }) {
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${rest.className ?? ''}`}>
      <label htmlFor={id} className="text-xs font-medium text-slate-600">{label}</label>
      <div className="flex items-center gap-1.5">
        <input
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          inputMode={rest.inputMode}
          placeholder={rest.placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={inputClass(error)}
        />
        {suffix ? <span className="shrink-0 text-xs text-slate-500">{suffix}</span> : null}
      </div>
      {error ? <p id={`${id}-error`} className="text-xs text-red-600">{error}</p> : null}
    </div>
  );
}

/**
 * Any number of reward rules (up to 20), each type with its own fields, added, removed and
 * reordered. The list travels as JSON in the hidden field `name`; the action parses it with the
 * engine's rule schema and names a wrong field as `<name>.<index>.<field>`, shown on its row.
 */
export function RuleEditor({
  name = 'rules',
  unit,
  initial,
  errors = {},
  readOnly = false,
}: {
  name?: string;
  unit: string;
  initial: RewardRule[];
  errors?: Record<string, string>;
  readOnly?: boolean;
}) {
  const uid = useId();
  const nextKey = useRef(initial.length);
  const [rules, setRules] = useState<DraftRule[]>(() => initial.map((r, i) => draftOf(r, i)));
  const update = (key: number, patch: Partial<DraftRule>) => setRules((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (index: number, by: -1 | 1) =>
    setRules((list) => {
      const next = [...list];
      [next[index], next[index + by]] = [next[index + by], next[index]];
      return next;
    });
  const add = () => setRules((list) => [...list, { key: nextKey.current++, type: 'one_time_share', percent: '', amount: '', name: '', durationMonths: '' }]);
  const remove = (key: number) => setRules((list) => list.filter((r) => r.key !== key));
  const err = (i: number, field: string) => errors[`${name}.${i}.${field}`] ?? (field === 'type' ? errors[`${name}.${i}`] : undefined);

  return (
    <div className="flex flex-col gap-3" data-testid="rule-editor">
      <input type="hidden" name={name} value={JSON.stringify(rules.map(ruleOf))} />
      {rules.length === 0 ? <p className="rounded-md border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-500">No reward rules yet.</p> : null}
      <ol className="flex flex-col gap-3">
        {rules.map((r, i) => {
          const id = (field: string) => `${uid}-${r.key}-${field}`;
          return (
            <li key={r.key} data-testid={`rule-${i + 1}`} className="rounded-md border border-slate-200 bg-slate-50/60 p-3">
              <div className="flex flex-wrap items-end gap-3">
                <span className="pb-2 text-xs font-semibold text-slate-500">#{i + 1}</span>
                <div className="flex min-w-[12rem] flex-1 flex-col gap-1">
                  <label htmlFor={id('type')} className="text-xs font-medium text-slate-600">Reward</label>
                  <select
                    id={id('type')}
                    value={r.type}
                    disabled={readOnly}
                    onChange={(e) => update(r.key, { type: e.target.value as RuleType })}
                    className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
                  >
                    {RULE_TYPES.map((t) => (
                      <option key={t} value={t}>{ruleTypeLabel[t]}</option>
                    ))}
                  </select>
                </div>
                {r.type === 'one_time_share' || r.type === 'recurring_share' ? (
                  <Input id={id('percent')} label="Percent" value={r.percent} onChange={(v) => update(r.key, { percent: v })} error={err(i, 'percent')} suffix="%" inputMode="decimal" placeholder="10" className="w-32" />
                ) : null}
                {r.type === 'recurring_share' ? (
                  <Input id={id('months')} label="For months (blank = always)" value={r.durationMonths} onChange={(v) => update(r.key, { durationMonths: v })} error={err(i, 'durationMonths')} inputMode="numeric" placeholder="12" className="w-44" />
                ) : null}
                {r.type === 'milestone' ? (
                  <Input id={id('name')} label="Milestone name" value={r.name} onChange={(v) => update(r.key, { name: v })} error={err(i, 'name')} placeholder="go-live" className="w-44" />
                ) : null}
                {r.type === 'per_customer' || r.type === 'per_order' || r.type === 'milestone' ? (
                  <Input id={id('amount')} label="Amount" value={r.amount} onChange={(v) => update(r.key, { amount: v })} error={err(i, 'amount')} suffix={unit} inputMode="decimal" placeholder="25" className="w-40" />
                ) : null}
                {readOnly ? null : (
                  <div className="ml-auto flex gap-1 pb-0.5">
                    <button type="button" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move rule ${i + 1} up`} className="rounded-md px-2 py-1.5 text-sm text-slate-600 ring-1 ring-slate-300 hover:bg-white disabled:opacity-40">↑</button>
                    <button type="button" onClick={() => move(i, 1)} disabled={i === rules.length - 1} aria-label={`Move rule ${i + 1} down`} className="rounded-md px-2 py-1.5 text-sm text-slate-600 ring-1 ring-slate-300 hover:bg-white disabled:opacity-40">↓</button>
                    <button type="button" onClick={() => remove(r.key)} aria-label={`Remove rule ${i + 1}`} className="rounded-md px-2 py-1.5 text-sm text-red-700 ring-1 ring-red-200 hover:bg-red-50">Remove</button>
                  </div>
                )}
              </div>
              {err(i, 'type') ? <p className="mt-1 text-xs text-red-600">{err(i, 'type')}</p> : null}
            </li>
          );
        })}
      </ol>
      {errors[name] ? <p className="text-xs text-red-600" role="alert">{errors[name]}</p> : null}
      {readOnly ? null : (
        <div>
          <button type="button" onClick={add} disabled={rules.length >= MAX_RULES} className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-brand-200 hover:bg-brand-50 disabled:text-slate-400">
            + Add a reward rule
          </button>
          {rules.length >= MAX_RULES ? <span className="ml-2 text-xs text-slate-500">At most {MAX_RULES} rules.</span> : null}
        </div>
      )}
    </div>
  );
}
