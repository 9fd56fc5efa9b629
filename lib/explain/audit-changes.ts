import type { Json } from '../engine';
import { formatNumber } from '../format';
import type { JsonObject } from './types';
import { modelWords, metricWords, ruleWords, strategyWords } from './domain-words';
import { list, money, obj, share, str } from './words';

// What an audit row's before/after say, key by key: only the keys whose values differ, each with
// a label and both values in words. The page shows these under the sentence; the sentence itself
// repeats the short ones (lib/explain/audit.ts).

export interface AuditChange {
  key: string;
  label: string;
  before: string;
  after: string;
}

const LABELS: Record<string, string> = {
  name: 'Name', description: 'Description', terms: 'Terms text', category: 'Category', unit: 'Unit', rules: 'Rules', scope: 'Scope',
  model: 'Attribution model', windowDays: 'Attribution window', couponPrecedence: 'Coupons', holdDays: 'Hold', approvalMode: 'Approval',
  joinPageEnabled: 'Join page', version: 'Version', status: 'Status', strategy: 'Strategy', programs: 'Programs', amount: 'Amount',
  period: 'Period', metric: 'Metric', goal: 'Goal', code: 'Code', disabled: 'Disabled', stripePromotionCodeId: 'Stripe promotion code',
  partnerId: 'Partner', programId: 'Program', shares: 'Credit', reason: 'Reason', customer: 'Customer', configured: 'Secret',
  url: 'Endpoint', allowedDomains: 'Allowed domains', eventsPerMinute: 'Events a minute', timeZone: 'Time zone', role: 'Role',
  email: 'Email', expiresAt: 'Expires', reference: 'Reference', failureReason: 'Failure reason', paidAt: 'Paid at', method: 'Method',
  masked: 'Details', measured: 'Partners measured', qualified: 'Partners qualified', paid: 'Paid in bonuses', payouts: 'Payouts',
  partners: 'Partners', units: 'Units',
};

export const labelOf = (key: string) => LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());

/** JSON with object keys sorted: jsonb hands keys back in its own order. */
function canonical(value: Json | undefined): string {
  return JSON.stringify(value ?? null, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y))) : v,
  );
}

const days = (v: Json | undefined) => (typeof v === 'number' ? `${v} day${v === 1 ? '' : 's'}` : String(v));

function scopeWords(v: Json | undefined): string {
  const side = (s: JsonObject | undefined) =>
    ['products', 'plans', 'categories'].flatMap((k) => (Array.isArray(s?.[k]) ? (s![k] as Json[]).map((x) => `${k.slice(0, -1).replace(/ie$/, 'y')} “${str(x)}”`) : []));
  const include = side(obj(obj(v)?.include));
  const exclude = side(obj(obj(v)?.exclude));
  if (!include.length && !exclude.length) return 'everything counts';
  return [include.length ? `only ${include.join(', ')}` : 'everything', exclude.length ? `except ${exclude.join(', ')}` : ''].filter(Boolean).join(' ');
}

export interface ValueContext {
  /** the record's unit, for amounts */
  unit?: string;
  /** display names of partner and program ids */
  names?: Readonly<Record<string, string>>;
}

/** One value in words, knowing its key (and the record's unit for amounts). */
export function valueWords(key: string, value: Json | undefined, ctx: ValueContext = {}): string {
  if (value === null || value === undefined) return '—';
  const { unit, names = {} } = ctx;
  const named = (id: Json | undefined) => (typeof id === 'string' ? (names[id] ?? id) : '—');
  switch (key) {
    case 'rules':
      return Array.isArray(value) ? value.map((r) => ruleWords(obj(r), unit)).join('; ') || 'none' : 'the program’s rules';
    case 'programs':
      return list(value).map((p) => str(p.name) ?? str(p.id)).join(', ') || 'none';
    case 'shares':
      return list(value).map((s) => `${named(s.partnerId)} ${share(s.share)}`).join(', ') || 'nobody';
    case 'partnerId':
    case 'programId':
      return named(value);
    case 'scope':
      return scopeWords(value);
    case 'model':
      return modelWords(value).split(':')[0];
    case 'strategy':
      return strategyWords(value);
    case 'metric':
      return metricWords(value).split(' ')[0];
    case 'windowDays':
    case 'holdDays':
      return days(value);
    case 'amount':
    case 'paid':
      return money(value, unit);
    case 'configured':
      return value ? 'set' : 'not set';
    case 'joinPageEnabled':
      return value ? 'on' : 'off';
    case 'allowedDomains':
      return Array.isArray(value) ? value.map(String).join(', ') || 'none' : String(value);
    case 'description':
    case 'terms':
      return str(value) ? `“${str(value)!.length > 80 ? `${str(value)!.slice(0, 77)}…` : str(value)}”` : '—';
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return formatNumber(String(value));
  if (typeof value === 'string') return value.replaceAll('_', ' ');
  return JSON.stringify(value);
}

/** The keys whose values differ between before and after, in words; a creation lists every key it set. */
export function auditChanges(before: Json | null, after: Json | null, ctx: ValueContext = {}): AuditChange[] {
  const b = obj(before ?? undefined) ?? {};
  const a = obj(after ?? undefined) ?? {};
  const within = (o: JsonObject): ValueContext => ({ ...ctx, unit: str(o.unit) ?? ctx.unit });
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => canonical(b[k]) !== canonical(a[k]))
    .map((k) => ({ key: k, label: labelOf(k), before: valueWords(k, b[k], within(b)), after: valueWords(k, a[k], within(a)) }));
}
