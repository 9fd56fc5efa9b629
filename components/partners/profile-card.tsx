import type { ReactNode } from 'react';
import type { PartnerProfile } from '@/db/queries/partner-profile';
import { NOTIFICATION_KINDS } from '@/lib/domain/notifications';
import { Card } from '../ui/card';

const KIND_WORDS: Record<string, string> = {
  application_decided: 'application decisions',
  reward_payable: 'payable rewards',
  payout_sent: 'payouts sent',
  payout_failed: 'failed payouts',
  deal_decided: 'deal decisions',
};

/** "Turned off: payouts sent, deal decisions" or that every email is on. */
function emailsWords(prefs: Record<string, boolean>): string {
  const off = NOTIFICATION_KINDS.filter((k) => prefs[k] === false).map((k) => KIND_WORDS[k]);
  if (off.length === 0) return 'All notification emails on';
  if (off.length === NOTIFICATION_KINDS.length) return 'All notification emails turned off';
  return `Turned off: ${off.join(', ')}`;
}

/**
 * The console's view of what the partner keeps in its portal profile for this workspace: company,
 * website, tax country and which notification emails it gets. Partners edit these themselves.
 */
export function PartnerProfileCard({ profile }: { profile: PartnerProfile }) {
  const country = profile.taxCountry ? `${new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' }).of(profile.taxCountry) ?? profile.taxCountry} (${profile.taxCountry})` : null;
  const rows: [string, ReactNode][] = [
    ['Company', profile.company ?? <span className="text-slate-400">not given</span>],
    [
      'Website',
      profile.website ? (
        <a href={profile.website} rel="noopener noreferrer nofollow" target="_blank" className="break-all text-brand-700 hover:underline">
          {profile.website}
        </a>
      ) : (
        <span className="text-slate-400">not given</span>
      ),
    ],
    ['Tax country', country ?? <span className="text-slate-400">not given</span>],
    ['Emails', emailsWords(profile.notificationPrefs)],
  ];
  return (
    <Card title="Profile">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]" data-testid="partner-profile">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="min-w-0 break-words text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-slate-500">The partner keeps these up to date in the portal, under Profile.</p>
    </Card>
  );
}
