import type { Json } from '../engine';
import type { JsonObject } from './types';
import { auditChanges, type AuditChange } from './audit-changes';
import { list, money, number, obj, str } from './words';

export { auditChanges, type AuditChange };

// One audit row in a sentence: "Alice changed program Agencies: rate 10% → 12%". Names are the
// ones stored with the change (what the thing was called then), else today's from `names`.

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId: string | null;
  before: Json | null;
  after: Json | null;
  data: JsonObject;
}

export interface AuditContext {
  /** who made the change, as the page shows them; null for the system (scripts, jobs) */
  actor: string | null;
  /** display names of partner and program ids */
  names: Readonly<Record<string, string>>;
}

const SUBJECT_WORDS: Record<string, string> = {
  program: 'program', group: 'program group', pool: 'pool', enrollment: 'enrollment', partner: 'partner', coupon: 'coupon',
  link: 'link', customer: 'customer', deal: 'deal registration', integration: 'integration', secret: 'secret', api_key: 'API key',
  webhook: 'webhook endpoint', member: 'member', invitation: 'invitation', settings: 'settings', payout_batch: 'payout batch',
  payout: 'payout', payout_details: 'payout details',
};
/** "program group", "payout details": a subject type in words (the page's filter and subject column). */
export const auditSubjectWords = (type: string) => SUBJECT_WORDS[type] ?? type.replaceAll('_', ' ');

const SETTING_WORDS: Record<string, string> = {
  allowed_domains: 'allowed link domains', events_per_minute: 'events limit', time_zone: 'time zone', partner_customer_emails: 'customer emails for partners',
};
const PROVIDERS: Record<string, string> = { stripe: 'Stripe', shopify: 'Shopify' };
/** Keys that only bookkeep (a version number moves with every change) and say nothing on their own. */
const QUIET = new Set(['version']);

const MAX_PARTS = 3;

/** The changed keys in a few words for the sentence; long values only say that they changed. */
function summary(changes: AuditChange[], before: JsonObject, after: JsonObject): string {
  const parts = changes
    .filter((c) => !QUIET.has(c.key))
    .map((c) => {
      if (c.key === 'rules') return ruleSummary(before, after) ?? 'rules changed';
      if (c.key === 'programs') return programsSummary(before, after);
      return c.before.length + c.after.length > 60 ? `${c.label.toLowerCase()} changed` : `${c.label.toLowerCase()} ${c.before} → ${c.after}`;
    });
  if (parts.length <= MAX_PARTS) return parts.join('; ');
  return `${parts.slice(0, MAX_PARTS).join('; ')} and ${parts.length - MAX_PARTS} more`;
}

/** A group's tiers or a pool's members: "added Bronze; removed Silver", or "order Gold, Silver → Silver, Gold". */
function programsSummary(before: JsonObject, after: JsonObject): string {
  const was = list(before.programs);
  const now = list(after.programs);
  const ids = (xs: JsonObject[]) => new Set(xs.map((p) => str(p.id)));
  const label = (p: JsonObject) => str(p.name) ?? str(p.id) ?? 'a program';
  const added = now.filter((p) => !ids(was).has(str(p.id))).map(label);
  const removed = was.filter((p) => !ids(now).has(str(p.id))).map(label);
  if (added.length || removed.length) {
    return [added.length ? `added ${added.join(', ')}` : '', removed.length ? `removed ${removed.join(', ')}` : ''].filter(Boolean).join('; ');
  }
  return `order ${was.map(label).join(', ')} → ${now.map(label).join(', ')}`;
}

/** "rate 10% → 12%" or "amount 25.00 USD → 30.00 USD" when a single rule kept its kind. */
function ruleSummary(before: JsonObject, after: JsonObject): string | undefined {
  const [b, more1] = Array.isArray(before.rules) ? before.rules.map(obj) : [];
  const [a, more2] = Array.isArray(after.rules) ? after.rules.map(obj) : [];
  if (!a || !b || more1 || more2 || str(a.type) !== str(b.type)) return undefined;
  if (str(a.percent) && str(a.percent) !== str(b.percent)) return `rate ${str(b.percent)}% → ${str(a.percent)}%`;
  if (str(a.amount) && str(a.amount) !== str(b.amount)) return `amount ${money(b.amount, str(before.unit))} → ${money(a.amount, str(after.unit))}`;
  return undefined;
}

const quote = (text: string) => `“${text}”`;

/** How an API key is named wherever it acted: `API key “CRM sync” (pl_live_ab12…)`. */
export function apiKeyLabel(name: string, prefix: string): string {
  return `API key ${quote(name)} (${prefix}…)`;
}

/** Who made an audit row's change, for the page: a member, an API key, or null for the system. */
export function auditActor(row: {
  actorUserId: string | null; actorName: string | null; actorEmail: string | null;
  actorApiKeyId: string | null; actorKeyName: string | null; actorKeyPrefix: string | null;
}): { name: string | null; email: string | null } | null {
  if (row.actorUserId) return { name: row.actorName, email: row.actorEmail };
  if (row.actorApiKeyId) return { name: apiKeyLabel(row.actorKeyName ?? 'unnamed', row.actorKeyPrefix ?? 'pl_live_'), email: null };
  return null;
}

const ACCESS_WORDS: Record<string, string> = { read: 'read-only access', read_write: 'read and write access' };
const nameIn = (...candidates: (Json | undefined)[]) => candidates.map(str).find((s) => s !== undefined && s !== '');
const withReason = (reason: Json | undefined) => (str(reason) ? `: ${quote(str(reason)!)}` : '');

/** What the row is about, in words: "program Agencies", "coupon ADA-10", "Stripe integration". */
export function auditSubjectLabel(row: AuditInput, names: Readonly<Record<string, string>>): string {
  const before = obj(row.before ?? undefined) ?? {};
  const after = obj(row.after ?? undefined) ?? {};
  const d = row.data ?? {};
  const id = row.subjectId ?? '';
  if (row.subjectType === 'settings') {
    // a setting is named by itself: the id or, for settings keyed by the workspace, the action
    const key = /^[a-z_]+$/.test(id) ? id : row.action.replace(/^settings\./, '').replace(/_changed$/, '');
    return SETTING_WORDS[key] ?? key.replaceAll('_', ' ');
  }
  const name =
    nameIn(d.name, after.name, before.name, d.partnerName, after.customer, after.email, before.email, after.reference, d.partner)
    ?? (names[id] || (row.subjectType === 'integration' ? PROVIDERS[id] : undefined) || (/^[a-z_]+$/.test(id) && row.subjectType !== 'integration' ? id.replaceAll('_', ' ') : undefined));
  return `${auditSubjectWords(row.subjectType)}${name ? ` ${name}` : ''}`;
}

/** The sentence for one row. */
export function auditSentence(row: AuditInput, ctx: AuditContext): string {
  const who = ctx.actor ?? 'The system';
  const before = obj(row.before ?? undefined) ?? {};
  const after = obj(row.after ?? undefined) ?? {};
  const d = row.data ?? {};
  const named = (id: Json | undefined, fallback: string) => (typeof id === 'string' ? (ctx.names[id] ?? fallback) : fallback);
  const subjectName = nameIn(d.name, after.name, before.name) ?? named(row.subjectId ?? undefined, '');
  const what = `${auditSubjectWords(row.subjectType)}${subjectName ? ` ${subjectName}` : ''}`;
  const changes = auditChanges(row.before, row.after, { names: ctx.names, unit: str(d.unit) });
  const changed = () => {
    const s = summary(changes, before, after);
    return `${who} changed ${what}${s ? `: ${s}` : ''}`;
  };
  const partnerIn = () => nameIn(d.partnerName) ?? named(d.partnerId, 'a partner');
  const programIn = () => nameIn(d.programName) ?? named(d.programId, 'a program');

  switch (row.action) {
    case 'program.created':
    case 'group.created':
    case 'pool.created':
      return `${who} created ${what}`;
    case 'program.archived':
      return `${who} archived ${what}`;
    case 'program.restored':
      return `${who} restored ${what}`;
    case 'pool.period_closed':
      return `${who} closed ${str(after.period) ?? 'a period'} of ${what}: ${number(after.qualified)} of ${number(after.measured)} partners qualified, ${money(after.paid, str(after.unit))} in bonuses`;
    case 'enrollment.approved':
      return `${who} ${str(before.status) === 'suspended' ? 'reinstated' : 'approved'} ${partnerIn()} in ${programIn()}${withReason(d.reason)}`;
    case 'enrollment.rejected':
    case 'enrollment.suspended':
      return `${who} ${row.action.split('.')[1]} ${partnerIn()} in ${programIn()}${withReason(d.reason)}`;
    case 'enrollment.terms_changed':
      return Array.isArray(after.rules)
        ? `${who} gave ${partnerIn()} special terms in ${programIn()}: ${changes.find((c) => c.key === 'rules')?.after ?? 'its own rules'}`
        : `${who} put ${partnerIn()} back on the rules of ${programIn()}`;
    case 'coupon.created':
      return `${who} created coupon ${str(after.code) ?? subjectName} for ${named(after.partnerId, 'a partner')} in ${programIn()}`;
    case 'coupon.disabled':
    case 'coupon.enabled':
      return `${who} ${row.action.split('.')[1]} coupon ${subjectName} of ${named(d.partnerId, 'a partner')}`;
    case 'customer.bound_by_hand': {
      const was = Array.isArray(d.replaced) && d.replaced.length ? ` (was ${changes.find((c) => c.key === 'shares')?.before ?? 'another partner'})` : '';
      return `${who} bound customer ${str(after.customer) ?? 'a customer'} to ${named(d.partnerId, 'a partner')} in ${named(d.programId, 'a program')}${was}${withReason(d.reason)}`;
    }
    case 'deal.approved':
    case 'deal.rejected':
      return `${who} ${row.action.split('.')[1]} the deal registration ${quote(subjectName || 'a prospect')} of ${named(d.partnerId, 'a partner')}`;
    case 'integration.secret_saved':
      return `${who} ${before.configured ? 'replaced' : 'saved'} the ${PROVIDERS[row.subjectId ?? ''] ?? row.subjectId} signing secret`;
    case 'integration.secret_removed':
      return `${who} removed the ${PROVIDERS[row.subjectId ?? ''] ?? row.subjectId} signing secret: its webhooks are refused`;
    case 'secret.created':
    case 'secret.rotated':
      return `${who} ${row.action.split('.')[1]} the ${row.subjectId ?? ''} signing secret`.replace('  ', ' ');
    case 'api_key.created':
      return `${who} created ${apiKeyLabel(str(after.name) ?? subjectName, str(after.prefix) ?? 'pl_live_')}${str(after.access) ? ` with ${ACCESS_WORDS[str(after.access)!] ?? str(after.access)}` : ''}`;
    case 'api_key.revoked':
      return `${who} revoked ${apiKeyLabel(str(before.name) ?? subjectName, str(before.prefix) ?? 'pl_live_')}: requests with it are refused`;
    case 'webhook.endpoint_saved': {
      const secret = str(d.secret) === 'rotated' ? ' with a new signing secret' : str(d.secret) === 'created' ? ' and created its signing secret' : '';
      return str(before.url) && str(before.url) !== str(after.url)
        ? `${who} moved the webhook endpoint from ${str(before.url)} to ${str(after.url)}${secret}`
        : `${who} set the webhook endpoint to ${str(after.url)}${secret}`;
    }
    case 'settings.allowed_domains_changed': {
      const was = new Set(Array.isArray(before.allowedDomains) ? before.allowedDomains.map(String) : []);
      const now = new Set(Array.isArray(after.allowedDomains) ? after.allowedDomains.map(String) : []);
      const added = [...now].filter((x) => !was.has(x));
      const removed = [...was].filter((x) => !now.has(x));
      const parts = [added.length ? `added ${added.join(', ')}` : '', removed.length ? `removed ${removed.join(', ')}` : ''].filter(Boolean);
      return `${who} changed the allowed link domains${parts.length ? `: ${parts.join('; ')}` : ''}`;
    }
    case 'settings.events_per_minute_changed':
      return `${who} changed the events limit: ${number(before.eventsPerMinute)} → ${number(after.eventsPerMinute)} a minute`;
    case 'settings.time_zone_changed':
      return `${who} changed the time zone: ${str(before.timeZone) ?? 'UTC'} → ${str(after.timeZone)}`;
    case 'settings.partner_customer_emails_changed':
      return after.showCustomerEmailsToPartners === true
        ? `${who} let partners see their customers’ emails whole`
        : `${who} masked customers’ emails for partners (j•••@acme.com)`;
    case 'member.invited':
      return `${who} invited ${str(after.email)} as ${str(after.role)}`;
    case 'invitation.revoked':
      return `${who} revoked the invitation of ${str(before.email)}`;
    case 'member.joined':
      return `${str(after.email) ?? who} joined as ${str(after.role)}`;
    case 'member.role_changed':
      return `${who} changed the role of ${str(after.email) ?? str(before.email)}: ${str(before.role)} → ${str(after.role)}`;
    case 'member.removed':
      return d.left ? `${who} left the workspace` : `${who} removed ${str(before.email)} (${str(before.role)})`;
    case 'payout_batch.created':
      return `${who} created payout batch ${str(after.reference) ?? ''}${after.payouts !== undefined ? ` with ${number(after.payouts)} payouts` : ''}`;
    case 'payout.marked_paid':
      return `${who} marked the payout of ${money(d.amount, str(d.unit))} to ${str(d.partner) ?? 'a partner'} paid${str(after.reference) ? ` (reference ${str(after.reference)})` : ''}`;
    case 'payout.marked_failed':
      return `${who} marked the payout of ${money(d.amount, str(d.unit))} to ${str(d.partner) ?? 'a partner'} failed${withReason(after.failureReason)}; its entries are payable again`;
    case 'partner.profile_updated': {
      const s = summary(changes, before, after);
      return `${who} updated the profile of ${what}${s ? `: ${s}` : ''}`;
    }
    case 'payout_details.updated': {
      const partner = named(row.subjectId ?? undefined, 'A partner');
      // partners change their own details: name the person only when it was someone else
      const by = ctx.actor && ctx.actor !== partner ? ` (by ${ctx.actor})` : '';
      return `${partner}’s payout details changed: ${str(after.masked) ?? 'updated'}${by}`;
    }
  }
  if (row.action.endsWith('.updated') || row.action.endsWith('_changed')) return changed();
  const verb = row.action.split('.').slice(1).join(' ').replaceAll('_', ' ');
  return `${who} ${verb || 'changed'} ${what}`;
}
