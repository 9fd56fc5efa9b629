import { bigint } from 'drizzle-orm/pg-core';

/**
 * The order in which the system recorded a row: a per-table identity sequence. Where the rules
 * break a tie by "earlier enrollment" or "arrival order" (SPEC §4.2, §6), queries order by this
 * after the timestamps, never by a random id, so rows recorded in one transaction (a bulk import,
 * a scenario's setup) keep the order they were given and the same story always pays the same cents.
 */
export const recordedSeq = () => bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity();
