'use client';

import { startTransition, useActionState, useEffect, useState, type FormEvent } from 'react';
import { markPayoutsPaidAction } from '@/lib/actions/payouts';
import type { ActionResult } from '@/lib/actions/result';
import { formatNumber } from '@/lib/format';
import { Button } from '../ui/button';

/** The form the table's checkboxes belong to (their `form` attribute names it). */
export const BULK_FORM_ID = 'bulk-mark-paid';

const boxes = () => [...document.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][form="${BULK_FORM_ID}"]`)];

const fieldNames: Record<string, string> = { reference: 'Transfer reference', payoutIds: 'Selection:', batchId: 'Batch' };

interface Pending {
  selection: 'selected' | 'all';
  ids: string[];
  count: number;
  reference: string;
}

/**
 * Marks many payouts of a batch paid with one transfer reference: the ones ticked in the table, or
 * every payout still processing. A confirmation step names the count and the reference before
 * anything changes; the result says how many changed and names any that were not processing.
 */
export function BulkMarkPaid({ workspaceSlug, batchId, processing }: { workspaceSlug: string; batchId: string; processing: number }) {
  const markPaid: (prev: ActionResult | null, form: FormData) => Promise<ActionResult> = markPayoutsPaidAction.bind(null, workspaceSlug);
  const [state, action, pending] = useActionState(markPaid, null);
  const [review, setReview] = useState<Pending | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (state?.ok) for (const box of boxes()) box.checked = false;
  }, [state]);

  const ask = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const selection = data.get('selection') === 'all' ? 'all' : 'selected';
    const ids = data.getAll('payoutId').map(String);
    const reference = String(data.get('reference') ?? '').trim();
    if (!reference) return setProblem('Enter the transfer reference first.');
    if (selection === 'selected' && ids.length === 0) return setProblem('Tick payouts in the table below, or choose every processing payout.');
    setProblem(null);
    setReview({ selection, ids, count: selection === 'all' ? processing : ids.length, reference });
  };

  const confirm = () => {
    if (!review) return;
    const data = new FormData();
    data.set('batchId', batchId);
    data.set('selection', review.selection);
    data.set('payoutIds', review.ids.join(','));
    data.set('reference', review.reference);
    setReview(null);
    startTransition(() => action(data));
  };

  const selectPage = (checked: boolean) => {
    for (const box of boxes()) box.checked = checked;
  };

  const result = state ? (
    <p role={state.ok ? 'status' : 'alert'} className={`rounded-md px-3 py-2 text-sm ${state.ok ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-700'}`}>
      {state.ok ? state.message : [state.message, ...Object.entries(state.fields ?? {}).map(([k, v]) => `${fieldNames[k] ?? k} ${v}.`)].join(' ')}
    </p>
  ) : null;
  // once everything is settled the form goes, but the result of the last action stays
  if (processing === 0) return <div className="flex flex-col gap-3"><p className="text-sm text-slate-600">No payout of this batch is processing.</p>{result}</div>;

  return (
    <form id={BULK_FORM_ID} onSubmit={ask} className="grid grid-cols-1 gap-4 lg:grid-cols-[auto_minmax(14rem,22rem)_auto] lg:items-end" noValidate>
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="mb-1 font-medium text-slate-700">Which payouts</legend>
        <label className="flex items-center gap-2"><input type="radio" name="selection" value="selected" defaultChecked /> The ones ticked in the table</label>
        <label className="flex items-center gap-2"><input type="radio" name="selection" value="all" /> All {formatNumber(processing)} processing in this batch</label>
        <span className="flex flex-wrap gap-3 text-xs">
          <button type="button" onClick={() => selectPage(true)} className="font-medium text-brand-700 hover:underline">Tick all on this page</button>
          <button type="button" onClick={() => selectPage(false)} className="font-medium text-slate-600 hover:underline">Untick all</button>
        </span>
      </fieldset>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-slate-700">Transfer reference</span>
        <input name="reference" maxLength={200} placeholder="e.g. the bank's batch id" className="rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm" />
      </label>
      {review ? null : <Button type="submit" disabled={pending} className="self-end justify-self-start">{pending ? 'Marking paid…' : 'Mark paid…'}</Button>}
      {problem ? <p role="alert" className="text-xs text-red-600 lg:col-span-3">{problem}</p> : null}
      {review ? (
        <div role="alertdialog" aria-label="Confirm marking paid" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900 lg:col-span-3">
          <p className="mb-2">Mark {review.count === 1 ? '1 payout' : `${formatNumber(review.count)} payouts`} paid with reference “{review.reference}”?</p>
          <div className="flex gap-2">
            <Button type="button" onClick={confirm}>Yes, mark paid</Button>
            <Button type="button" variant="secondary" onClick={() => setReview(null)}>Cancel</Button>
          </div>
        </div>
      ) : null}
      {result ? <div className="lg:col-span-3">{result}</div> : null}
    </form>
  );
}
