import { pgTable, text, timestamp, uuid, boolean, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';
import { partners } from './partners';
import { programs } from './programs';
import { recordedSeq } from './columns';

// Tracked links. Codes are global because /r/<code> carries no workspace.
export const links = pgTable(
  'links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: recordedSeq(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    programId: uuid('program_id').notNull().references(() => programs.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    destinationUrl: text('destination_url').notNull(),
    // the partner's own campaign label for this link ("newsletter-dec"); stats group by it
    subId: text('sub_id'),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('links_code_uq').on(t.code),
    // partner portal "my links" and console partner detail
    index('links_workspace_partner_idx').on(t.workspaceId, t.partnerId),
    // the REST API's newest-first pages
    index('links_workspace_time_id_idx').on(t.workspaceId, t.createdAt, t.id),
  ],
);

export const coupons = pgTable(
  'coupons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: recordedSeq(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    programId: uuid('program_id').notNull().references(() => programs.id, { onDelete: 'cascade' }),
    // stored upper-cased: storefronts send codes in any case
    code: text('code').notNull(),
    // Stripe webhooks name a promotion code by its id (promo_…), not the code the shopper typed
    stripePromotionCodeId: text('stripe_promotion_code_id'),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('coupons_workspace_code_uq').on(t.workspaceId, t.code),
    uniqueIndex('coupons_workspace_stripe_promotion_code_uq').on(t.workspaceId, t.stripePromotionCodeId),
    // partner portal "my coupons"
    index('coupons_workspace_partner_idx').on(t.workspaceId, t.partnerId),
    index('coupons_workspace_time_id_idx').on(t.workspaceId, t.createdAt, t.id),
  ],
);

// The id is minted at the edge when the click happens, so flushing from Redis is idempotent.
export const clicks = pgTable(
  'clicks',
  {
    id: text('id').primaryKey(),
    seq: recordedSeq(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    linkId: uuid('link_id').notNull().references(() => links.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    programId: uuid('program_id').notNull().references(() => programs.id, { onDelete: 'cascade' }),
    visitorId: text('visitor_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    isBot: boolean('is_bot').notNull().default(false),
    userAgent: text('user_agent'),
    referrer: text('referrer'),
    country: text('country'),
  },
  (t) => [
    // attribution: touches of the visitors linked to a customer
    index('clicks_workspace_visitor_idx').on(t.workspaceId, t.visitorId, t.occurredAt),
    // partner portal and console charts: clicks per partner over time
    index('clicks_workspace_partner_time_idx').on(t.workspaceId, t.partnerId, t.occurredAt),
    // overview: clicks per week of a workspace
    index('clicks_workspace_time_idx').on(t.workspaceId, t.occurredAt),
  ],
);
