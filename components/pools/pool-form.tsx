'use client';

import { useState } from 'react';
import { ActionForm } from '../forms/action-form';
import { Field, SelectField } from '../ui/field';
import { createPoolAction, updatePoolAction } from '@/lib/actions/pools';
import type { PoolMetric, PoolPeriodKind } from '@/lib/domain/pools';
import { metricLabels, periodLabels } from './pool-labels';

export interface EditablePool {
  id: string;
  name: string;
  unit: string;
  amount: string;
  period: PoolPeriodKind;
  metric: PoolMetric;
  goal: string;
  programIds: string[];
}

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

function PoolFields({ f, pool, programs, units, baseCurrency }: {
  f: Record<string, string>;
  pool?: EditablePool;
  programs: { id: string; name: string }[];
  units: { value: string; label: string }[];
  baseCurrency: string;
}) {
  const [metric, setMetric] = useState<PoolMetric>(pool?.metric ?? 'revenue');
  const [members, setMembers] = useState<string[]>(pool?.programIds ?? []);
  const toggle = (id: string, on: boolean) => setMembers((m) => (on ? [...m, id] : m.filter((x) => x !== id)));
  return (
    <>
      {pool ? <input type="hidden" name="poolId" value={pool.id} /> : null}
      <input type="hidden" name="programIds" value={members.join(',')} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Pool name" name="name" defaultValue={pool?.name} required error={f.name} />
        <SelectField label="Paid in" name="unit" defaultValue={pool?.unit ?? baseCurrency} options={units} error={f.unit} />
        <Field label="Bonus amount per period" name="amount" inputMode="decimal" defaultValue={pool?.amount} required error={f.amount} hint="Shared among the partners above the goal, in proportion to their metric." />
        <SelectField label="Period" name="period" defaultValue={pool?.period ?? 'quarter'} options={options(periodLabels)} error={f.period} />
        <SelectField label="Ranked by" name="metric" value={metric} onChange={(e) => setMetric(e.target.value as PoolMetric)} options={options(metricLabels)} error={f.metric} />
        <Field
          label={metric === 'revenue' ? `Goal (credited revenue in ${baseCurrency})` : 'Goal (new customers)'}
          name="goal"
          inputMode={metric === 'revenue' ? 'decimal' : 'numeric'}
          defaultValue={pool?.goal}
          required
          error={f.goal}
          hint="Partners strictly above the goal qualify."
        />
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">Member programs</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {programs.map((p) => (
            <label key={p.id} className="flex items-center gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm">
              <input type="checkbox" checked={members.includes(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
              {p.name}
            </label>
          ))}
        </div>
        <p className="text-xs text-slate-500">
          {metric === 'revenue'
            ? 'Revenue credited to a partner in these programs counts once per order, with its largest credit, net of refunds made in the period.'
            : 'Customers newly bound to a partner in these programs during the period count once each, manual bindings included.'}
        </p>
        {f.programIds ? <p className="text-xs text-red-600">{f.programIds}</p> : null}
      </fieldset>
    </>
  );
}

/** Create a pool, or edit one; a change applies to periods closed after it. */
export function PoolForm(props: { workspaceSlug: string; pool?: EditablePool; programs: { id: string; name: string }[]; units: { value: string; label: string }[]; baseCurrency: string }) {
  const action = props.pool ? updatePoolAction.bind(null, props.workspaceSlug) : createPoolAction.bind(null, props.workspaceSlug);
  return (
    <ActionForm action={action} submitLabel={props.pool ? 'Save pool' : 'Create pool'}>
      {(f) => <PoolFields f={f} {...props} />}
    </ActionForm>
  );
}
