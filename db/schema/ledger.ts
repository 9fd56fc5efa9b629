import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid, numeric, jsonb, pgEnum, uniqueIndex, index, integer } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { partners } from './partners';
import { programs, programGroups } from './programs';
import { events } from './events';
import { customers } from './customers';
import { pools } from './pools';
import { ENTRY_KINDS, type RuleSource } from '../../lib/domain/ledger';
import type { RuleType } from '../../lib/domain/programs';
import type { Explanation } from '../../lib/engine';
import { recordedSeq } from './columns';

export const entryKind = pgEnum('entry_kind', ENTRY_KINDS);

// Immutable: balances are sums of entries; corrections are new entries, never edits.
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: recordedSeq(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id').notNull().references(() => partners.id, { onDelete: 'restrict' }),
    programId: uuid('program_id').references(() => programs.id, { onDelete: 'restrict' }),
    poolId: uuid('pool_id').references(() => pools.id, { onDelete: 'restrict' }),
    poolPeriod: text('pool_period'),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    // the order's sender id (for reversals: the order reversed)
    orderRef: text('order_ref'),
    kind: entryKind('kind').notNull(),
    rule: text('rule').$type<RuleType>(),
    // milestone name for milestone entries
    ruleName: text('rule_name').notNull().default(''),
    // position of the rule in its list and whether it came from the program or the partner's
    // special agreement: two rules of one type stay two entries
    ruleIndex: integer('rule_index').notNull().default(0),
    ruleSource: text('rule_source').$type<RuleSource>().notNull().default('program'),
    amount: numeric('amount').notNull(),
    unit: text('unit').notNull(),
    payableAt: timestamp('payable_at', { withTimezone: true }).notNull(),
    reversesEntryId: uuid('reverses_entry_id'),
    explanation: jsonb('explanation').$type<Explanation>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // replaying an event can never pay a commission twice
    uniqueIndex('ledger_commission_once_uq')
      .on(t.eventId, t.partnerId, t.programId, t.ruleSource, t.ruleIndex)
      .where(sql`kind = 'commission'`),
    // one bonus per pool, period and partner
    uniqueIndex('ledger_bonus_once_uq').on(t.poolId, t.poolPeriod, t.partnerId).where(sql`kind = 'bonus'`),
    // balances and statements: a partner's entries by unit and payable time
    index('ledger_workspace_partner_unit_idx').on(t.workspaceId, t.partnerId, t.unit, t.payableAt),
    // console ledger filtered by program / kind, newest first
    index('ledger_workspace_program_time_idx').on(t.workspaceId, t.programId, t.createdAt),
    index('ledger_workspace_kind_time_idx').on(t.workspaceId, t.kind, t.createdAt),
    // ledger CSV keyset pages and the overview's rewards per week: a short range scan per page
    index('ledger_workspace_time_id_idx').on(t.workspaceId, t.createdAt, t.id),
    // refunds: the entries of an order
    index('ledger_workspace_order_idx').on(t.workspaceId, t.orderRef),
    index('ledger_reverses_idx').on(t.reversesEntryId),
  ],
);

// "One paying program per (event, partner, group)": the group decision is itself a row.
export const groupPayments = pgTable(
  'group_payments',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id').notNull().references(() => programGroups.id, { onDelete: 'cascade' }),
    programId: uuid('program_id').notNull().references(() => programs.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('group_payments_uq').on(t.eventId, t.partnerId, t.groupId)],
);

// One-off rewards used up per customer: per_customer (name '') and milestone (name = milestone).
// Used up even when a program group then drops the reward, as the spec requires.
export const customerRewardUsages = pgTable(
  'customer_reward_usages',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    programId: uuid('program_id').notNull().references(() => programs.id, { onDelete: 'cascade' }),
    rule: text('rule').$type<RuleType>().notNull(),
    name: text('name').notNull().default(''),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    usedAt: timestamp('used_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('customer_reward_usages_uq').on(t.customerId, t.programId, t.rule, t.name)],
);

// What an order credited each partner in each program (base currency), whether or not a reward
// resulted: the input of revenue pool metrics.
export const orderCredits = pgTable(
  'order_credits',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    orderRef: text('order_ref').notNull(),
    programId: uuid('program_id').notNull().references(() => programs.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    share: text('share').notNull(),
    qualifyingRevenueBase: numeric('qualifying_revenue_base').notNull(),
    creditedRevenueBase: numeric('credited_revenue_base').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('order_credits_uq').on(t.eventId, t.programId, t.partnerId),
    // pool closing: credits of member programs in a period; refunds look credits up by order
    index('order_credits_workspace_program_time_idx').on(t.workspaceId, t.programId, t.at),
    index('order_credits_workspace_order_idx').on(t.workspaceId, t.orderRef),
    // overview: attributed revenue per week
    index('order_credits_workspace_time_idx').on(t.workspaceId, t.at),
  ],
);

// Each processed refund with the amount applied (capped at what was left) and its fraction of
// the order total: the running "refunded so far" and the pool metrics read these.
export const orderRefunds = pgTable(
  'order_refunds',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    orderRef: text('order_ref').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    appliedAmount: numeric('applied_amount').notNull(),
    fraction: text('fraction').notNull(),
  },
  (t) => [
    uniqueIndex('order_refunds_event_uq').on(t.eventId),
    // refunded-so-far of one order; pool refunds in a period
    index('order_refunds_workspace_order_idx').on(t.workspaceId, t.orderRef),
    index('order_refunds_workspace_time_idx').on(t.workspaceId, t.at),
  ],
);
