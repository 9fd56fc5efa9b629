import { pgTable, text, timestamp, uuid, pgEnum, index } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { partners } from './partners';
import { programs } from './programs';
import { DEAL_MATCH_TYPES, DEAL_STATUSES } from '../../lib/domain/deals';
import { recordedSeq } from './columns';

export const dealMatchType = pgEnum('deal_match_type', DEAL_MATCH_TYPES);
export const dealStatus = pgEnum('deal_status', DEAL_STATUSES);

// A partner's claim on a prospect. Approved and unexpired, it is a touch at registeredAt.
export const dealRegistrations = pgTable(
  'deal_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: recordedSeq(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    programId: uuid('program_id').notNull().references(() => programs.id, { onDelete: 'cascade' }),
    matchType: dealMatchType('match_type').notNull(),
    // lower-cased email or domain, or the customer's external id
    matchValue: text('match_value').notNull(),
    prospectName: text('prospect_name').notNull().default(''),
    notes: text('notes').notNull().default(''),
    status: dealStatus('status').notNull().default('pending'),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // attribution: approved deals of a program matching a customer's email, domain or id
    index('deal_registrations_match_idx').on(t.workspaceId, t.matchType, t.matchValue),
    // console review queue and partner portal list
    index('deal_registrations_workspace_status_idx').on(t.workspaceId, t.status, t.registeredAt),
    index('deal_registrations_partner_idx').on(t.workspaceId, t.partnerId),
    // the REST API's newest-first pages
    index('deal_registrations_workspace_time_id_idx').on(t.workspaceId, t.registeredAt, t.id),
  ],
);
