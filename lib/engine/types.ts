/**
 * Input types of the engine: a narrow, explicit snapshot of the state one decision needs.
 * The persistence layer loads exactly these rows, calls the engine, and writes the decision.
 * Amounts are decimal strings, times are Instants (Date or ISO string, UTC).
 */
import type { Instant } from './time';
import type { CustomUnit } from './units';
import type { AttributionModel, CouponPrecedence, GroupStrategy, RuleType } from '../domain/programs';
import type { BindingSource } from '../domain/bindings';

// The lists themselves (and the Postgres enums and zod schemas made from them) live in lib/domain.
export type { AttributionModel, CouponPrecedence, GroupStrategy, RuleType };

/** What each rule type carries besides its type; a type in RULE_TYPES without fields here fails to compile. */
interface RuleFields {
  one_time_share: { percent: string };
  recurring_share: { percent: string; durationMonths: number | null };
  per_customer: { amount: string };
  per_order: { amount: string };
  milestone: { name: string; amount: string };
}
export type RewardRule = { [T in RuleType]: { type: T } & RuleFields[T] }[RuleType];

export interface ScopeList {
  products?: string[];
  plans?: string[];
  categories?: string[];
}
export interface ProgramScope {
  include?: ScopeList;
  exclude?: ScopeList;
}

export interface FxRate {
  currency: string;
  /** 1 <currency> = rate <base currency>. */
  rate: string;
  from: Instant;
}

export interface WorkspaceConfig {
  baseCurrency: string;
  fxRates: FxRate[];
  units: CustomUnit[];
  /** Minimum payout per unit key; absent = 0. */
  minimumPayout?: Record<string, string>;
}

export interface ProgramConfig {
  id: string;
  /** Currency code or custom unit key. */
  unit: string;
  model: AttributionModel;
  windowDays: number;
  couponPrecedence?: CouponPrecedence;
  holdDays: number;
  scope?: ProgramScope;
  rewards: RewardRule[];
  /** Archived programs neither attribute nor pay. Default true. */
  active?: boolean;
}

export interface ProgramGroupConfig {
  id: string;
  strategy: GroupStrategy;
  /** Rank order: index 0 is rank 1 (top tier). */
  programIds: string[];
}

export interface PartnerRef {
  id: string;
  email: string | null;
}

/** Partner × program. Approved during [approvedAt, endedAt). */
export interface EnrollmentState {
  partnerId: string;
  programId: string;
  approvedAt: Instant | null;
  endedAt?: Instant | null;
  /** When the partner applied; breaks pool ties ("earlier enrollment"). */
  enrolledAt?: Instant;
  /** Special agreement: replaces the program's rules for this partner. */
  rewards?: RewardRule[] | null;
}

export interface LinkRef {
  code: string;
  partnerId: string;
}

export interface CouponRef {
  code: string;
  partnerId: string;
}

export interface ClickRecord {
  id: string;
  visitorId: string;
  linkCode: string;
  partnerId: string;
  at: Instant;
  bot?: boolean;
}

export interface DealMatch {
  email?: string | null;
  emailDomain?: string | null;
  customerExternalId?: string | null;
}

export interface DealRegistration {
  id: string;
  partnerId: string;
  programId: string;
  registeredAt: Instant;
  expiresAt: Instant | null;
  /** Only approved registrations are signals. Default true. */
  approved?: boolean;
  match: DealMatch;
}

export interface CustomerRef {
  externalId: string;
  email?: string | null;
}

export interface BindingShare {
  partnerId: string;
  /** Exact share: "0.4" or "1/3" (see formatRatio). */
  share: string;
}

/** What a merchant said when binding by hand; later rewards repeat it in their explanation. */
export interface ManualBindingNote {
  reason: string | null;
  /** The email of the member who bound the customer (none for imports and scenarios). */
  boundBy: string | null;
}

/** Customer × program binding. `shares` are in first-touch order (it breaks rounding ties). */
export interface CustomerBinding {
  programId: string;
  customerId: string;
  boundAt: Instant;
  source: BindingSource;
  shares: BindingShare[];
  /** Manual bindings only: explanation text, never part of any amount. */
  manual?: ManualBindingNote | null;
}

export interface RewardUsage {
  /** Programs whose per_customer reward this customer has used up. */
  perCustomerUsed: string[];
  milestonesUsed: { programId: string; name: string }[];
}

export interface OrderLine {
  product?: string | null;
  plan?: string | null;
  category?: string | null;
  /** In the order currency. */
  amount: string;
  recurring?: boolean;
}

/** Signals an event may carry itself. */
export interface EventSignals {
  visitorId?: string | null;
  clickId?: string | null;
  coupons?: string[];
  partnerCode?: string | null;
}

export interface OrderEvent extends EventSignals {
  /** The sender's event id. */
  id: string;
  /** The order's own id, which refunds name; defaults to the event id. */
  orderId?: string;
  occurredAt: Instant;
  customer: CustomerRef;
  currency: string;
  lines: OrderLine[];
}

export interface MilestoneEvent extends EventSignals {
  id: string;
  occurredAt: Instant;
  customer: CustomerRef;
  name: string;
}

/**
 * Everything one order or milestone decision reads. `clicks` are the clicks of every visitor
 * linked to the customer plus the event's own click (include clicks from one hour before the
 * longest window so duplicate detection sees their predecessors). `links`/`coupons` need only
 * cover the event's partner code and coupon codes. `bindings` and `usage` are the customer's.
 */
export interface RewardContext {
  workspace: WorkspaceConfig;
  programs: ProgramConfig[];
  groups: ProgramGroupConfig[];
  partners: PartnerRef[];
  enrollments: EnrollmentState[];
  links: LinkRef[];
  coupons: CouponRef[];
  clicks: ClickRecord[];
  deals: DealRegistration[];
  bindings: CustomerBinding[];
  usage: RewardUsage;
}
