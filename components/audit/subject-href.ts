import type { Json } from '@/lib/engine';

// Where the audit page's subject column links: the console page of the thing that changed, or the
// settings page where that setting lives.

type Subject = { subjectType: string; subjectId: string | null; data: { [key: string]: Json }; after: Json | null; before: Json | null };

const SETTINGS_PAGE: Record<string, string> = {
  allowed_domains: '/settings/tracking',
  events_per_minute: '/settings/api',
};

const field = (v: Json | null, key: string): string | undefined => {
  const x = v && typeof v === 'object' && !Array.isArray(v) ? v[key] : undefined;
  return typeof x === 'string' ? x : undefined;
};

/** The console page of an audit row's subject under `base` (`/m/<workspace>`), if it has one. */
export function auditSubjectHref(base: string, row: Subject): string | undefined {
  const id = row.subjectId;
  const partnerId = field(row.data, 'partnerId') ?? field(row.after, 'partnerId') ?? field(row.before, 'partnerId');
  switch (row.subjectType) {
    case 'program':
    case 'group':
    case 'pool':
      return id ? `${base}/${row.subjectType}s/${id}` : undefined;
    case 'customer':
      return id ? `${base}/customers/${id}` : undefined;
    case 'enrollment':
    case 'coupon':
      return partnerId ? `${base}/partners/${partnerId}` : undefined;
    case 'payout_details':
    case 'partner':
      return id ? `${base}/partners/${id}` : undefined;
    case 'deal':
      return `${base}/deals`;
    case 'integration':
      return `${base}/settings/integrations`;
    case 'secret':
      return id === 'outbound' ? `${base}/settings/webhooks` : `${base}/settings/api`;
    case 'webhook':
      return `${base}/settings/webhooks`;
    case 'api_key':
      return `${base}/settings/api`;
    case 'settings':
      return `${base}${SETTINGS_PAGE[id ?? ''] ?? '/settings'}`;
    case 'member':
    case 'invitation':
      return `${base}/settings/members`;
    case 'payout_batch':
      return id ? `${base}/payouts/${id}` : `${base}/payouts`;
    case 'payout':
      return `${base}/payouts`;
  }
  return undefined;
}
