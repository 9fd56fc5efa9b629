import { BALANCE_BUCKETS, ENTRY_KINDS } from '@/lib/domain/ledger';
import type { LedgerListQuery } from '@/db/queries/ledger-list';

type SP = Record<string, string | string[] | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters as they stand in the URL, each already checked (a malformed one is simply ignored). */
export interface LedgerFilterValues {
  q?: string;
  partner?: string;
  program?: string;
  pool?: string;
  customer?: string;
  kind?: (typeof ENTRY_KINDS)[number];
  status?: (typeof BALANCE_BUCKETS)[number];
  unit?: string;
  from?: string;
  to?: string;
}

const one = (sp: SP, k: string) => {
  const v = Array.isArray(sp[k]) ? sp[k][0] : sp[k];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
};
const id = (v?: string) => (v && UUID.test(v) ? v : undefined);
const date = (v?: string) => (v && DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : undefined);

export function ledgerFiltersFrom(sp: SP): LedgerFilterValues {
  return {
    q: one(sp, 'q')?.slice(0, 100),
    partner: id(one(sp, 'partner')),
    program: id(one(sp, 'program')),
    pool: id(one(sp, 'pool')),
    customer: id(one(sp, 'customer')),
    kind: ENTRY_KINDS.find((k) => k === one(sp, 'kind')),
    status: BALANCE_BUCKETS.find((s) => s === one(sp, 'status')),
    unit: one(sp, 'unit')?.slice(0, 32),
    from: date(one(sp, 'from')),
    to: date(one(sp, 'to')),
  };
}

const DAY_MS = 86_400_000;

/** The query's filters: days are UTC, and "until" includes its whole day. */
export function ledgerQueryFilters(v: LedgerFilterValues, now: Date): Partial<LedgerListQuery> {
  return {
    search: v.q, partnerId: v.partner, programId: v.program, poolId: v.pool, customerId: v.customer, kind: v.kind, status: v.status, now, unit: v.unit,
    from: v.from ? new Date(`${v.from}T00:00:00Z`) : undefined,
    to: v.to ? new Date(Date.parse(`${v.to}T00:00:00Z`) + DAY_MS) : undefined,
  };
}
