import 'server-only';
import type { Database } from '../../../db/client';
import { partnerNamesOf } from '../../../db/queries/payout-build';
import { partnersWithPayoutDetails } from '../../../db/queries/payout-details';
import { Decimal } from '../../engine';
import { groupKey, walkBatchPlan, type BatchScope } from './payout-plan';

// What a batch would pay, before finance confirms it: per partner and unit the amount, the entries
// it takes, whether it is paid or carried forward (and why), and whether the partner has told us
// where to send the money. Computed by the build's own chunk planner on one snapshot; writes nothing.

export type PreviewStatus = 'will_pay' | 'below_minimum' | 'not_positive';

export interface PreviewRow {
  partnerId: string;
  partnerName: string;
  partnerEmail: string;
  unit: string;
  amount: string;
  entries: number;
  status: PreviewStatus;
  /** no payout method on file: the payout is still created (finance may pay by hand), but flagged */
  needsPayoutDetails: boolean;
}

export interface PreviewUnitTotal {
  unit: string;
  payouts: number;
  amount: string;
  carried: number;
  carriedAmount: string;
  needsPayoutDetails: number;
}

export interface BatchPreview {
  at: Date;
  /** what the confirm carries: the batch is created only while the plan still has this fingerprint */
  fingerprint: string;
  partners: number;
  payouts: number;
  needsPayoutDetails: number;
  totals: PreviewUnitTotal[];
  rows: PreviewRow[];
}

export async function previewPayoutBatch(db: Database, workspaceId: string, scope: BatchScope, opts: { chunkSize?: number } = {}): Promise<BatchPreview> {
  const rows: PreviewRow[] = [];
  // one snapshot for all chunks, so the preview is one consistent plan even while entries arrive
  const walked = await db.transaction(async (tx) => walkBatchPlan(tx, workspaceId, scope, async ({ partnerIds, plan, entryCounts }) => {
    const withDetails = await partnersWithPayoutDetails(tx, workspaceId, partnerIds);
    const names = await partnerNamesOf(tx, workspaceId, partnerIds);
    const row = (partnerId: string, unit: string, amount: string, status: PreviewStatus): PreviewRow => ({
      partnerId, partnerName: names.get(partnerId)?.name ?? '', partnerEmail: names.get(partnerId)?.email ?? '', unit, amount,
      entries: entryCounts.get(groupKey(partnerId, unit)) ?? 0, status, needsPayoutDetails: !withDetails.has(partnerId),
    });
    for (const p of plan.payouts) rows.push(row(p.partnerId, p.unit, p.amount, 'will_pay'));
    for (const c of plan.carriedForward) rows.push(row(c.partnerId, c.unit, c.amount, c.reason));
  }, opts.chunkSize), { isolationLevel: 'repeatable read', accessMode: 'read only' });
  const totals = totalsPerUnit(rows);
  return {
    at: scope.at, fingerprint: walked.fingerprint, partners: walked.partners, totals, rows,
    payouts: totals.reduce((n, t) => n + t.payouts, 0),
    needsPayoutDetails: totals.reduce((n, t) => n + t.needsPayoutDetails, 0),
  };
}

function totalsPerUnit(rows: PreviewRow[]): PreviewUnitTotal[] {
  const byUnit = new Map<string, { payouts: number; amount: Decimal; carried: number; carriedAmount: Decimal; needs: number }>();
  for (const r of rows) {
    const t = byUnit.get(r.unit) ?? { payouts: 0, amount: new Decimal(0), carried: 0, carriedAmount: new Decimal(0), needs: 0 };
    if (r.status === 'will_pay') {
      t.payouts += 1;
      t.amount = t.amount.plus(r.amount);
      if (r.needsPayoutDetails) t.needs += 1;
    } else {
      t.carried += 1;
      t.carriedAmount = t.carriedAmount.plus(r.amount);
    }
    byUnit.set(r.unit, t);
  }
  return [...byUnit.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([unit, t]) => ({ unit, payouts: t.payouts, amount: t.amount.toFixed(), carried: t.carried, carriedAmount: t.carriedAmount.toFixed(), needsPayoutDetails: t.needs }));
}

export const PREVIEW_SORTS = ['partner', 'amount', 'status'] as const;
export type PreviewSort = (typeof PREVIEW_SORTS)[number];
export const PREVIEW_FILTERS = ['will_pay', 'below_minimum', 'not_positive', 'needs_details'] as const;
export type PreviewFilter = (typeof PREVIEW_FILTERS)[number];

const STATUS_ORDER: Record<PreviewStatus, number> = { will_pay: 0, below_minimum: 1, not_positive: 2 };

/** One page of the preview's rows, sorted and filtered on the server like every console table. */
export function pagePreviewRows(
  rows: readonly PreviewRow[],
  q: { page: number; pageSize: number; sort: PreviewSort; dir: 'asc' | 'desc'; filter?: PreviewFilter },
): { rows: PreviewRow[]; total: number } {
  const kept = rows.filter((r) => !q.filter || (q.filter === 'needs_details' ? r.status === 'will_pay' && r.needsPayoutDetails : r.status === q.filter));
  const byName = (a: PreviewRow, b: PreviewRow) => a.partnerName.localeCompare(b.partnerName) || a.unit.localeCompare(b.unit) || a.partnerId.localeCompare(b.partnerId);
  const compare: Record<PreviewSort, (a: PreviewRow, b: PreviewRow) => number> = {
    partner: byName,
    amount: (a, b) => a.unit.localeCompare(b.unit) || new Decimal(a.amount).cmp(b.amount) || byName(a, b),
    status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || Number(b.needsPayoutDetails) - Number(a.needsPayoutDetails) || byName(a, b),
  };
  const sign = q.dir === 'asc' ? 1 : -1;
  const sorted = [...kept].sort((a, b) => sign * compare[q.sort](a, b));
  const start = (q.page - 1) * q.pageSize;
  return { rows: sorted.slice(start, start + q.pageSize), total: kept.length };
}
