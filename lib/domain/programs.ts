// The lists a program is configured from. Each is the one source of its Postgres enum
// (db/schema/programs.ts), its zod schema (lib/validation/domain.ts) and its TypeScript type; the
// order of a list is the order of its enum's labels in the database, so append, never reorder.

export const PARTNER_CATEGORIES = ['agency', 'referral', 'reseller', 'affiliate', 'implementation', 'internal', 'other'] as const;
export type PartnerCategory = (typeof PARTNER_CATEGORIES)[number];

/** How a customer's touches share the credit (SPEC §3). */
export const ATTRIBUTION_MODELS = ['first_touch', 'last_touch', 'equal_split', 'position_based'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

/** override: a coupon takes all the credit; touch: a coupon is one more touch. */
export const COUPON_PRECEDENCES = ['override', 'touch'] as const;
export type CouponPrecedence = (typeof COUPON_PRECEDENCES)[number];

/** How a partner's application to a program is decided. */
export const APPROVAL_MODES = ['auto', 'manual'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

export const PROGRAM_STATUSES = ['active', 'archived'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

/** Which program of a group pays when a partner earns in several (SPEC §4). */
export const GROUP_STRATEGIES = ['highest_rank', 'highest_reward'] as const;
export type GroupStrategy = (typeof GROUP_STRATEGIES)[number];

/** Reward rules a program (or a partner's special agreement) may hold; stored in jsonb, no enum. */
export const RULE_TYPES = ['one_time_share', 'recurring_share', 'per_customer', 'per_order', 'milestone'] as const;
export type RuleType = (typeof RULE_TYPES)[number];
