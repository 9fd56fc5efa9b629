import { describe, expect, it } from 'vitest';
import { notificationMessage, NOTIFICATION_KIND_WORDS, type MessageContext } from '../../lib/server/notifications/messages';
import { dedupeKeys } from '../../lib/server/notifications/payloads';
import { NOTIFICATION_KINDS } from '../../lib/domain/notifications';

// The partner emails in plain words, built from the facts queued with each change: who decided
// what, amounts per unit at the unit's precision, dates in the merchant's zone, links into the
// portal that pick this merchant, and a footer saying how to stop them.

const ctx: MessageContext = {
  partnerName: 'Pat Partner',
  workspaceName: 'Northwind',
  workspaceSlug: 'northwind',
  timeZone: 'Europe/Berlin',
  origin: 'https://app.example',
  units: [{ key: 'points', precision: 0 }],
};

const message = (kind: string, payload: unknown) => notificationMessage(kind, payload, ctx)!;

describe('notification emails', () => {
  it('an approved application names the program, the merchant and the dashboard', () => {
    const m = message('application_decided', { enrollmentId: 'e1', programName: 'Agencies', decision: 'approved', reason: null, at: '2026-11-30T10:00:00Z' });
    expect(m.subject).toBe('You are approved for Agencies at Northwind');
    expect(m.text).toContain('Hello Pat Partner,');
    expect(m.text).toContain('Northwind approved your application to Agencies. You can now create your links and start earning rewards.');
    expect(m.text).toContain('Your dashboard: https://app.example/p?workspace=northwind');
    expect(m.text).not.toContain('note');
  });

  it('a rejected application gives the merchant’s reason, or says there was none', () => {
    const withReason = message('application_decided', { programName: 'Agencies', decision: 'rejected', reason: 'We only work with agencies in the EU' });
    expect(withReason.subject).toBe('Your application to Agencies at Northwind was not approved');
    expect(withReason.text).toContain('Northwind did not approve your application to Agencies.');
    expect(withReason.text).toContain('Their reason: “We only work with agencies in the EU”');
    const without = message('application_decided', { programName: 'Agencies', decision: 'rejected', reason: null });
    expect(without.text).toContain('They gave no reason.');
  });

  it('payable rewards: one unit in the subject, several listed, each at its precision', () => {
    const one = message('reward_payable', { since: '2026-11-28T23:30:00Z', through: '2026-11-30T08:00:00Z', amounts: [{ unit: 'USD', amount: '1234.5' }] });
    expect(one.subject).toBe('1,234.50 USD is now payable to you by Northwind');
    // 23:30 UTC is the 29th in Berlin: dates are the merchant's
    expect(one.text).toContain('1,234.50 USD of your rewards became payable since 29 Nov 2026.');
    expect(one.text).toContain('Your earnings: https://app.example/p/earnings?workspace=northwind');
    const several = message('reward_payable', { since: '2026-11-29T00:00:00Z', amounts: [{ unit: 'USD', amount: '12' }, { unit: 'points', amount: '1500.000' }, { unit: 'JPY', amount: '300' }] });
    expect(several.subject).toBe('Rewards from Northwind are now payable');
    expect(several.text).toContain('Rewards became payable since 29 Nov 2026:\n- 12.00 USD\n- 1,500 points\n- 300 JPY');
  });

  it('a payout sent carries its amount, day and transfer reference', () => {
    const m = message('payout_sent', { payoutId: 'p1', amount: '120.00', unit: 'EUR', reference: 'TRF-2026-11-001', at: '2026-11-30T09:00:00Z' });
    expect(m.subject).toBe('Northwind sent you 120.00 EUR');
    expect(m.text).toContain('Northwind paid your payout of 120.00 EUR on 30 Nov 2026 (transfer reference TRF-2026-11-001).');
    expect(m.text).toContain('Your payouts: https://app.example/p/payouts?workspace=northwind');
  });

  it('a failed payout gives the reason and the link to fix payout details', () => {
    const m = message('payout_failed', { payoutId: 'p1', amount: '120', unit: 'USD', reason: 'IBAN rejected by the bank', at: '2026-11-30T09:00:00Z' });
    expect(m.subject).toBe('Your payout of 120.00 USD from Northwind failed');
    expect(m.text).toContain('Northwind could not pay your payout of 120.00 USD. The reason given: “IBAN rejected by the bank”.');
    expect(m.text).toContain('the money is payable to you again');
    expect(m.text).toContain('fix them here: https://app.example/p/profile?workspace=northwind');
  });

  it('a decided deal registration names the prospect and the program', () => {
    const approved = message('deal_decided', { dealId: 'd1', prospectName: 'Acme Corp', programName: 'Resellers', decision: 'approved' });
    expect(approved.subject).toBe('Your deal registration for Acme Corp was approved');
    expect(approved.text).toContain('Northwind approved your deal registration for Acme Corp in Resellers.');
    const rejected = message('deal_decided', { prospectName: 'Acme Corp', programName: 'Resellers', decision: 'rejected' });
    expect(rejected.subject).toBe('Your deal registration for Acme Corp was not approved');
    expect(rejected.text).toContain('Northwind did not approve your deal registration for Acme Corp in Resellers.');
  });

  it('every email ends with why it came and where to turn it off', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const m = message(kind, {});
      expect(m.text.endsWith('You get this email as a partner of Northwind. Choose which emails you want: https://app.example/p/profile?workspace=northwind')).toBe(true);
      expect(m.text).toContain('— Northwind, via PartnerLedger');
      expect(NOTIFICATION_KIND_WORDS[kind].label.length).toBeGreaterThan(5);
    }
  });

  it('a payload missing facts makes a vaguer sentence, never a crash or "undefined"', () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const payload of [{}, null, 'text', [], { amounts: 'x', amount: 5, unit: null, programName: '' }]) {
        const m = message(kind, payload);
        expect(`${m.subject}\n${m.text}`).not.toMatch(/undefined|null|NaN|\[object/);
      }
    }
    expect(message('payout_failed', {}).text).toContain('could not pay your payout.');
  });

  it('a kind this version does not know makes no message', () => {
    expect(notificationMessage('newsletter', {}, ctx)).toBeNull();
  });

  it('a slug with odd characters stays inside its query parameter', () => {
    const m = notificationMessage('payout_sent', {}, { ...ctx, workspaceSlug: 'a&b c' })!;
    expect(m.text).toContain('/p/payouts?workspace=a%26b%20c');
  });

  it('dedupe keys name the change they come from', () => {
    expect(dedupeKeys.applicationDecided('e1', 's1')).toBe('application_decided:e1:s1');
    expect(dedupeKeys.rewardPayable('p1', '2026-11-30')).toBe('reward_payable:p1:2026-11-30');
    expect(dedupeKeys.payoutSent('po1')).toBe('payout_sent:po1');
    expect(dedupeKeys.payoutFailed('po1')).toBe('payout_failed:po1');
    expect(dedupeKeys.dealDecided('d1')).toBe('deal_decided:d1');
  });
});
