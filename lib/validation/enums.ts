import { z } from 'zod';
import { APPROVAL_MODES, ATTRIBUTION_MODELS, COUPON_PRECEDENCES, GROUP_STRATEGIES, PARTNER_CATEGORIES, PROGRAM_STATUSES, RULE_TYPES } from '../domain/programs';
import { ENROLLMENT_STATUSES } from '../domain/enrollments';
import { DEAL_MATCH_TYPES, DEAL_STATUSES } from '../domain/deals';
import { EVENT_SOURCES, EVENT_STATUSES, EVENT_TYPES } from '../domain/events';
import { BINDING_SOURCES } from '../domain/bindings';
import { POOL_METRICS, POOL_PERIODS } from '../domain/pools';
import { PAYOUT_STATUSES } from '../domain/payouts';
import { ENTRY_KINDS } from '../domain/ledger';
import { DELIVERY_STATUSES, SECRET_KINDS } from '../domain/integrations';
import { MEMBER_ROLES } from '../domain/roles';

// One zod schema per domain list (lib/domain), so a form, a route's query string and the database
// enum accept exactly the same values. A form that words its own error message builds
// `z.enum(LIST, { error })` from the same list instead.

export const partnerCategorySchema = z.enum(PARTNER_CATEGORIES);
export const attributionModelSchema = z.enum(ATTRIBUTION_MODELS);
export const couponPrecedenceSchema = z.enum(COUPON_PRECEDENCES);
export const approvalModeSchema = z.enum(APPROVAL_MODES);
export const programStatusSchema = z.enum(PROGRAM_STATUSES);
export const groupStrategySchema = z.enum(GROUP_STRATEGIES);
export const ruleTypeSchema = z.enum(RULE_TYPES);
export const enrollmentStatusSchema = z.enum(ENROLLMENT_STATUSES);
export const dealMatchTypeSchema = z.enum(DEAL_MATCH_TYPES);
export const dealStatusSchema = z.enum(DEAL_STATUSES);
export const eventTypeSchema = z.enum(EVENT_TYPES);
export const eventStatusSchema = z.enum(EVENT_STATUSES);
export const eventSourceSchema = z.enum(EVENT_SOURCES);
export const bindingSourceSchema = z.enum(BINDING_SOURCES);
export const poolPeriodSchema = z.enum(POOL_PERIODS);
export const poolMetricSchema = z.enum(POOL_METRICS);
export const payoutStatusSchema = z.enum(PAYOUT_STATUSES);
export const entryKindSchema = z.enum(ENTRY_KINDS);
export const secretKindSchema = z.enum(SECRET_KINDS);
export const deliveryStatusSchema = z.enum(DELIVERY_STATUSES);
export const memberRoleSchema = z.enum(MEMBER_ROLES);
