import { describe, expect, it } from 'vitest';
import { auditChanges, auditSentence, auditSubjectLabel, type AuditInput } from '../../lib/explain/audit';

// The audit page's words, built from rows as the services write them (lib/server/*).

const ctx = { actor: 'Alice', names: { 'p-ada': 'Ada', 'p-ben': 'Ben', 'prog-ref': 'Referrals' } };
const row = (r: Partial<AuditInput> & Pick<AuditInput, 'action' | 'subjectType'>): AuditInput => ({ subjectId: 'id-1', before: null, after: null, data: {}, ...r });

const terms = (percent: string, extra: Record<string, unknown> = {}) => ({
  name: 'Agencies', unit: 'USD', rules: [{ type: 'one_time_share', percent }], windowDays: 30, holdDays: 30, joinPageEnabled: true, version: 1, ...extra,
});

describe('auditSentence', () => {
  it.each([
    [
      'a program’s rate',
      row({ action: 'program.updated', subjectType: 'program', before: terms('10'), after: terms('12', { version: 2 }), data: { name: 'Agencies' } }),
      'Alice changed program Agencies: rate 10% → 12%',
    ],
    [
      'a program’s rate, window and join page together (the version is bookkeeping)',
      row({ action: 'program.updated', subjectType: 'program', before: terms('10'), after: terms('12', { version: 2, windowDays: 60, joinPageEnabled: false }), data: { name: 'Agencies' } }),
      'Alice changed program Agencies: rate 10% → 12%; attribution window 30 days → 60 days; join page on → off',
    ],
    [
      'a fixed amount in its unit',
      row({
        action: 'program.updated', subjectType: 'program', data: { name: 'Resellers' },
        before: { unit: 'USD', rules: [{ type: 'per_order', amount: '25' }] }, after: { unit: 'USD', rules: [{ type: 'per_order', amount: '30' }] },
      }),
      'Alice changed program Resellers: amount 25.00 USD → 30.00 USD',
    ],
    [
      'a group’s tiers reordered',
      row({
        action: 'group.updated', subjectType: 'group', data: { name: 'Tiers' },
        before: { name: 'Tiers', strategy: 'highest_rank', programs: [{ id: 'g', name: 'Gold' }, { id: 's', name: 'Silver' }] },
        after: { name: 'Tiers', strategy: 'highest_rank', programs: [{ id: 's', name: 'Silver' }, { id: 'g', name: 'Gold' }] },
      }),
      'Alice changed program group Tiers: order Gold, Silver → Silver, Gold',
    ],
    [
      'a group renamed with a program added',
      row({
        action: 'group.updated', subjectType: 'group', data: { name: 'Reseller tiers' },
        before: { name: 'Tiers', strategy: 'highest_rank', programs: [{ id: 'g', name: 'Gold' }] },
        after: { name: 'Reseller tiers', strategy: 'highest_rank', programs: [{ id: 'g', name: 'Gold' }, { id: 'b', name: 'Bronze' }] },
      }),
      'Alice changed program group Reseller tiers: name Tiers → Reseller tiers; added Bronze',
    ],
    [
      'a reinstatement with its reason',
      row({ action: 'enrollment.approved', subjectType: 'enrollment', before: { status: 'suspended' }, after: { status: 'approved' }, data: { partnerName: 'Ada', programName: 'Referrals', reason: 'Paid up' } }),
      'Alice reinstated Ada in Referrals: “Paid up”',
    ],
    [
      'special terms',
      row({ action: 'enrollment.terms_changed', subjectType: 'enrollment', before: { rules: null }, after: { rules: [{ type: 'per_order', amount: '7.5' }] }, data: { partnerName: 'Ada', programName: 'Referrals', unit: 'USD' } }),
      'Alice gave Ada special terms in Referrals: 7.50 USD for every qualifying order',
    ],
    [
      'a manual binding that replaced another partner, with names looked up today',
      row({
        action: 'customer.bound_by_hand', subjectType: 'customer',
        before: { programId: 'prog-ref', shares: [{ partnerId: 'p-ben', share: '1', source: 'attribution' }] },
        after: { customer: 'cust-7', programId: 'prog-ref', shares: [{ partnerId: 'p-ada', share: '1', source: 'manual' }], reason: 'met at the fair' },
        data: { programId: 'prog-ref', partnerId: 'p-ada', reason: 'met at the fair', replaced: [{ partnerId: 'p-ben', share: '1', source: 'attribution' }] },
      }),
      'Alice bound customer cust-7 to Ada in Referrals (was Ben 100%): “met at the fair”',
    ],
    [
      'a secret, never its value',
      row({ action: 'integration.secret_saved', subjectType: 'integration', subjectId: 'stripe', before: { configured: true }, after: { configured: true } }),
      'Alice replaced the Stripe signing secret',
    ],
    [
      'domains added and removed',
      row({ action: 'settings.allowed_domains_changed', subjectType: 'settings', before: { allowedDomains: ['a.example', 'b.example'] }, after: { allowedDomains: ['b.example', 'c.example'] } }),
      'Alice changed the allowed link domains: added c.example; removed a.example',
    ],
    [
      'the events limit, with thousands separators',
      row({ action: 'settings.events_per_minute_changed', subjectType: 'settings', before: { eventsPerMinute: 6000 }, after: { eventsPerMinute: 12000 } }),
      'Alice changed the events limit: 6,000 → 12,000 a minute',
    ],
    [
      'a pool period closed',
      row({ action: 'pool.period_closed', subjectType: 'pool', after: { period: '2026-Q1', measured: 5, qualified: 3, paid: '500', unit: 'USD' }, data: { name: 'Top resellers' } }),
      'Alice closed 2026-Q1 of pool Top resellers: 3 of 5 partners qualified, 500.00 USD in bonuses',
    ],
    [
      'a payout marked paid (written by the payouts service)',
      row({ action: 'payout.marked_paid', subjectType: 'payout', before: { status: 'processing' }, after: { status: 'paid', reference: 'TRF-1' }, data: { partner: 'Ada', amount: '120.5', unit: 'EUR' } }),
      'Alice marked the payout of 120.50 EUR to Ada paid (reference TRF-1)',
    ],
  ])('%s', (_name, input, sentence) => {
    expect(auditSentence(input, ctx)).toBe(sentence);
  });

  it('names the system when no member made the change, and words an unknown action from its name', () => {
    expect(auditSentence(row({ action: 'pool.created', subjectType: 'pool', data: { name: 'Q' } }), { actor: null, names: {} })).toBe('The system created pool Q');
    expect(auditSentence(row({ action: 'link.disabled', subjectType: 'link', data: { name: 'ada-x7' } }), ctx)).toBe('Alice disabled link ada-x7');
  });

  it('keeps a long sentence short: three parts and a count', () => {
    const before = { name: 'A', category: 'agency', unit: 'USD', model: 'last_touch', holdDays: 30 };
    const after = { name: 'B', category: 'referral', unit: 'EUR', model: 'first_touch', holdDays: 14 };
    expect(auditSentence(row({ action: 'program.updated', subjectType: 'program', before, after, data: { name: 'B' } }), ctx)).toBe(
      'Alice changed program B: name A → B; category agency → referral; unit USD → EUR and 2 more',
    );
  });
});

describe('auditChanges', () => {
  it('lists only the keys that differ, in words, whatever order jsonb gave the keys', () => {
    const before = { scope: { include: { products: [] }, exclude: { products: [] } }, rules: [{ type: 'one_time_share', percent: '10' }], unit: 'USD' };
    const after = { unit: 'USD', rules: [{ percent: '10', type: 'one_time_share' }], scope: { exclude: { products: [] }, include: { products: ['suite'] } } };
    expect(auditChanges(before, after)).toEqual([{ key: 'scope', label: 'Scope', before: 'everything counts', after: 'only product “suite”' }]);
  });

  it('a creation lists what it set; secrets read as set or not set', () => {
    expect(auditChanges(null, { code: 'ADA-10', disabled: false })).toEqual([
      { key: 'code', label: 'Code', before: '—', after: 'ADA-10' },
      { key: 'disabled', label: 'Disabled', before: '—', after: 'no' },
    ]);
    expect(auditChanges({ configured: false }, { configured: true })).toEqual([{ key: 'configured', label: 'Secret', before: 'not set', after: 'set' }]);
  });

  it('names partners in shares and words a rule per unit', () => {
    expect(auditChanges({ shares: [{ partnerId: 'p-ben', share: '1/3' }] }, { shares: [{ partnerId: 'p-ada', share: '1' }] }, { names: ctx.names })).toEqual([
      { key: 'shares', label: 'Credit', before: 'Ben 1/3 (about 33.33%)', after: 'Ada 100%' },
    ]);
    expect(auditChanges({ unit: 'JPY', rules: [] }, { unit: 'JPY', rules: [{ type: 'per_customer', amount: '500' }] })[0].after).toBe('500 JPY for each new customer (on their first qualifying order)');
  });
});

describe('auditSubjectLabel', () => {
  it.each([
    ['program Agencies', row({ action: 'program.updated', subjectType: 'program', data: { name: 'Agencies' } })],
    ['allowed link domains', row({ action: 'settings.allowed_domains_changed', subjectType: 'settings', subjectId: 'allowed_domains' })],
    ['time zone', row({ action: 'settings.time_zone_changed', subjectType: 'settings', subjectId: '7d1c6a52-5d8e-4c1b-9a43-0d6a3b1f2e11' })],
    ['integration Stripe', row({ action: 'integration.secret_saved', subjectType: 'integration', subjectId: 'stripe' })],
    ['payout details Ada', row({ action: 'payout_details.updated', subjectType: 'payout_details', subjectId: 'p-ada' })],
  ])('%s', (label, input) => {
    expect(auditSubjectLabel(input, ctx.names)).toBe(label);
  });
});
