import 'server-only';
import type { Executor } from '../../db/client';
import { EXPORT_PAGE_SIZE } from '../../db/queries/exports/page';
import { statementEntryPages, statementPayoutPages, type StatementEntryRow, type StatementPayoutRow } from '../../db/queries/statement-movements';
import { listUnits } from '../../db/queries/units';
import { amountCell, timeCell, type CsvCell } from '../csv/cells';
import { csvChunks, type CsvRow } from '../csv/write';
import { Decimal } from '../engine/decimal';
import type { UnitPrecision } from '../format';
import { csvResponse } from '../http/csv-response';
import { statementSummary, type StatementParty, type StatementSummary } from './statements';
import type { StatementPeriod } from './statements-period';

// GET /p/statements.csv: the summary first (an opening_balance and a closing_balance row per unit),
// then every movement of the period in time order (entries by recorded time, payouts by the time
// they were paid, failed, or batched while still processing), each with the unit's running balance.
// The entry and payout streams are read in keyset pages and merged here, so memory holds a page of
// each and the running balance of each unit, whatever the period's size.

export const STATEMENT_HEADER = [
  'row_type', 'time_utc', 'unit', 'amount', 'balance', 'kind', 'status', 'program_or_pool', 'rule', 'order', 'payable_from_utc',
  'entry_id', 'payout_id', 'payout_amount', 'payout_batch', 'transfer_reference', 'failure_reason',
] as const;

type Movement = { type: 'entry'; row: StatementEntryRow } | { type: 'payout'; row: StatementPayoutRow };

async function* each<T>(pages: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const page of pages) yield* page;
}

/**
 * Entries and payouts in one time order (microseconds, then entries before payouts at the same
 * instant: a payout pays what was recorded before it). Both sources are closed when the reader stops.
 */
async function* movements(entries: AsyncIterable<StatementEntryRow>, payouts: AsyncIterable<StatementPayoutRow>): AsyncGenerator<Movement> {
  const e = entries[Symbol.asyncIterator]();
  const p = payouts[Symbol.asyncIterator]();
  try {
    let nextEntry = await e.next();
    let nextPayout = await p.next();
    while (!nextEntry.done || !nextPayout.done) {
      const takeEntry = nextPayout.done || (!nextEntry.done && BigInt(nextEntry.value.atMicros) <= BigInt(nextPayout.value.atMicros));
      if (takeEntry) {
        yield { type: 'entry', row: nextEntry.value as StatementEntryRow };
        nextEntry = await e.next();
      } else {
        yield { type: 'payout', row: nextPayout.value as StatementPayoutRow };
        nextPayout = await p.next();
      }
    }
  } finally {
    await Promise.all([e.return?.(undefined), p.return?.(undefined)]);
  }
}

/** Every record has the header's number of fields (RFC 4180): the summary's columns after `balance` stay empty. */
const padded = (cells: CsvCell[]): CsvCell[] => [...cells, ...Array<CsvCell>(STATEMENT_HEADER.length - cells.length).fill(null)];

function summaryRows(summary: StatementSummary, units: readonly UnitPrecision[]): CsvRow[] {
  return summary.units.flatMap((u) => [
    padded(['opening_balance', timeCell(summary.window.opening), u.unit, null, amountCell(u.opening, u.unit, units)]),
    padded(['closing_balance', timeCell(summary.window.closing), u.unit, null, amountCell(u.closing, u.unit, units)]),
  ]);
}

function entryRow(r: StatementEntryRow, balance: Decimal, units: readonly UnitPrecision[]): CsvCell[] {
  const source = r.programName ?? (r.poolName ? `${r.poolName} ${r.poolPeriod ?? ''}`.trim() : null);
  const rule = r.rule ? (r.ruleName ? `${r.rule}: ${r.ruleName}` : r.rule) : null;
  return [
    'entry', timeCell(r.createdAt), r.unit, amountCell(r.amount, r.unit, units), amountCell(balance.toFixed(), r.unit, units), r.kind, r.status,
    source, rule, r.orderRef, timeCell(r.payableAt), r.id, r.payoutId, null, r.batchReference, null, null,
  ];
}

function payoutRow(r: StatementPayoutRow, change: Decimal, balance: Decimal, units: readonly UnitPrecision[]): CsvCell[] {
  return [
    'payout', timeCell(r.at), r.unit, amountCell(change.toFixed(), r.unit, units), amountCell(balance.toFixed(), r.unit, units), null, r.status,
    null, null, null, null, null, r.id, amountCell(r.amount, r.unit, units), r.batchReference, r.transferReference, r.failureReason,
  ];
}

/** The statement's CSV rows, a page at a time; the running balance starts from each unit's opening. */
async function* statementRows(db: Executor, summary: StatementSummary, now: Date, units: readonly UnitPrecision[]): AsyncGenerator<CsvRow[]> {
  yield summaryRows(summary, units);
  const balances = new Map(summary.units.map((u) => [u.unit, new Decimal(u.opening)]));
  const balanceOf = (unit: string) => balances.get(unit) ?? new Decimal(0);
  let page: CsvRow[] = [];
  for await (const m of movements(each(statementEntryPages(db, summary.window, now)), each(statementPayoutPages(db, summary.window)))) {
    if (m.type === 'entry') {
      const balance = balanceOf(m.row.unit).plus(m.row.amount);
      balances.set(m.row.unit, balance);
      page.push(entryRow(m.row, balance, units));
    } else {
      // only a paid payout moves money; a failed or processing one is listed with no change
      const change = m.row.status === 'paid' ? new Decimal(m.row.amount).negated() : new Decimal(0);
      const balance = balanceOf(m.row.unit).plus(change);
      balances.set(m.row.unit, balance);
      page.push(payoutRow(m.row, change, balance, units));
    }
    if (page.length >= EXPORT_PAGE_SIZE) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}

/** "<workspace>-statement-<from>-to-<to>.csv": the period, not the download day, names a statement. */
export function statementFilename(workspaceSlug: string, period: StatementPeriod): string {
  return `${workspaceSlug}-statement-${period.from}-to-${period.to}.csv`;
}

export async function statementCsvResponse(db: Executor, party: StatementParty & { workspaceSlug: string }, period: StatementPeriod, now: Date): Promise<Response> {
  const [summary, units] = await Promise.all([statementSummary(db, party, period, now), listUnits(db, party.workspaceId)]);
  return csvResponse({ filename: statementFilename(party.workspaceSlug, period), chunks: csvChunks(STATEMENT_HEADER, statementRows(db, summary, now, units)) });
}
