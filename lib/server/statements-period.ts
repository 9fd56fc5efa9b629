import 'server-only';
import { AppError } from '../errors';

// A statement's period: whole UTC days, `to` inclusive. Missing days default to the current UTC
// month (a missing `from` to the first day of `to`'s month, a missing `to` to the last day of the
// current month); a period may not run backwards or span more than about three years.

export const MAX_STATEMENT_DAYS = 1096; // three years, one of them a leap year

export interface StatementPeriod {
  /** the days as given (or defaulted), YYYY-MM-DD */
  from: string;
  to: string;
  /** start of `from` (inclusive) and start of the day after `to` (exclusive), UTC */
  start: Date;
  end: Date;
}

const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day from 2000 on, as midnight UTC; undefined for anything else (2026-02-30 too). */
function parseDay(text: string): Date | undefined {
  const m = DAY.exec(text);
  if (!m) return undefined;
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return at.toISOString().slice(0, 10) === text && at.getUTCFullYear() >= 2000 ? at : undefined;
}

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

function dayParam(name: 'from' | 'to', value: string | null | undefined): Date | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const at = parseDay(text);
  if (!at) throw new AppError('invalid_input', `${name}: "${text.slice(0, 20)}" is not a day (YYYY-MM-DD, from 2000).`, { [name]: 'Enter a day as YYYY-MM-DD.' });
  return at;
}

/** The period a request asks for; a 400 naming `from` or `to` when it cannot be one. */
export function statementPeriod(query: { from?: string | null; to?: string | null }, now: Date): StatementPeriod {
  const given = { from: dayParam('from', query.from), to: dayParam('to', query.to) };
  const monthStart = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const to = given.to ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0));
  const from = given.from ?? monthStart(to);
  if (from > to) {
    throw new AppError('invalid_input', `from: ${dayOf(from)} is after to (${dayOf(to)}).`, { from: 'The first day must be on or before the last day.' });
  }
  const days = Math.round((to.getTime() - from.getTime()) / DAY_MS) + 1;
  if (days > MAX_STATEMENT_DAYS) {
    throw new AppError('invalid_input', `to: a statement covers at most ${MAX_STATEMENT_DAYS} days (about 3 years); ${dayOf(from)} to ${dayOf(to)} is ${days}.`, {
      to: `At most ${MAX_STATEMENT_DAYS} days after the first day.`,
    });
  }
  return { from: dayOf(from), to: dayOf(to), start: from, end: new Date(to.getTime() + DAY_MS) };
}
