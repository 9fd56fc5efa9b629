/** The shape of shared/scenarios/*.json (see its README), as the scenario runner reads it. */
import type { AttributionModel, CouponPrecedence, GroupStrategy, PoolPeriodKind, ProgramScope, RewardRule } from '../../lib/engine';
import type { PoolMetric } from '../../lib/domain/pools';
import type { PartnerCategory } from '../../lib/domain/programs';

/** A deal step without expiresDays runs as long as the registration form's default. */
export const DEFAULT_DEAL_DAYS = 90;

/**
 * The id a click step's click is stored under: readable and stable across runs. Clicks at the same
 * instant are ordered by the sequence they were recorded in (steps run in order), not by this id.
 */
export const clickIdOfStep = (index: number) => `clk_step-${String(index).padStart(6, '0')}`;

export interface ScenarioProgram {
  key: string;
  category?: PartnerCategory;
  unit: string;
  model: AttributionModel;
  windowDays: number;
  couponPrecedence?: CouponPrecedence;
  holdDays: number;
  scope?: ProgramScope;
  rewards: RewardRule[];
}

export interface ScenarioPartner {
  key: string;
  email: string;
  enrollments: { program: string; status?: 'approved' | 'pending'; rewards?: RewardRule[] }[];
  links?: { code: string; program?: string }[];
  coupons?: { code: string; program?: string }[];
}

export interface ScenarioLine {
  product?: string;
  plan?: string;
  category?: string;
  amount: string;
  recurring?: boolean;
}

export interface ScenarioStep {
  at: string;
  click?: { link: string; visitor: string; bot?: boolean };
  deal?: {
    key: string;
    partner: string;
    program: string;
    match: { email?: string; emailDomain?: string; customer?: string };
    /** DEFAULT_DEAL_DAYS when absent */
    expiresDays?: number;
  };
  assign?: { customer: string; program: string; partner: string };
  approve?: { partner: string; program: string };
  order?: {
    id: string;
    customer: string;
    email?: string;
    visitor?: string;
    clickId?: string;
    currency: string;
    coupons?: string[];
    partnerCode?: string;
    lines: ScenarioLine[];
  };
  refund?: { order: string; amount?: string };
  milestone?: { customer: string; name: string; email?: string };
  closePool?: { pool: string; period: string };
  payout?: { batch: string; partners?: string[]; units?: string[] };
  paid?: { batch: string };
  /**
   * Project extension (not in the shared README): every payout of the batch still `processing`
   * becomes `failed` (it stays listed, with its amount); its entries are released: they belong
   * to no payout again, so they count as payable/pending by their own payable time and the next
   * batch can take them. Paid payouts of the batch are left alone.
   */
  failed?: { batch: string };
}

export interface ScenarioEntry {
  partner: string;
  program?: string;
  pool?: string;
  period?: string;
  kind: string;
  rule?: string;
  order?: string;
  amount: string;
  unit: string;
}

export interface ScenarioBalance {
  partner: string;
  unit: string;
  pending: string;
  payable: string;
  processing: string;
  paid: string;
}

export interface ScenarioPayout {
  batch: string;
  partner: string;
  unit: string;
  amount: string;
  status: string;
}

export interface Scenario {
  title: string;
  workspace: {
    baseCurrency: string;
    fxRates?: { currency: string; rate: string; from: string }[];
    units?: { key: string; label: string; precision: number; baseValue: string }[];
    minimumPayout?: Record<string, string>;
  };
  programs: ScenarioProgram[];
  groups?: { key: string; strategy: GroupStrategy; programs: string[] }[];
  pools?: {
    key: string;
    unit: string;
    amount: string;
    period: PoolPeriodKind;
    programs: string[];
    metric: PoolMetric;
    goal: string;
  }[];
  partners: ScenarioPartner[];
  steps: ScenarioStep[];
  expect: {
    entries: ScenarioEntry[];
    balances?: { at?: string; rows: ScenarioBalance[] };
    payouts?: ScenarioPayout[];
  };
}

export interface ScenarioOutput {
  entries: ScenarioEntry[];
  balances: ScenarioBalance[];
  payouts: ScenarioPayout[];
  /** Steps the services refused (e.g. fx_rate_missing), by step index. */
  refused: { step: number; code: string }[];
}
