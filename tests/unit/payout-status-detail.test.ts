import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { PayoutStatusDetail } from '../../components/partner/payout-status-detail';

// The portal's payouts table: a failed transfer names its reason and leads to the profile, where
// the partner fixes the details that bounced.

const render = (props: Parameters<typeof PayoutStatusDetail>[0]) => renderToStaticMarkup(createElement(PayoutStatusDetail, props));

describe('a payout in the portal', () => {
  it('that failed names the reason and links to the payout details', () => {
    const html = render({ status: 'failed', paidAt: null, reference: null, failureReason: 'IBAN rejected by the bank' });
    expect(html).toContain('failed: IBAN rejected by the bank; the amount is payable again.');
    expect(html).toMatch(/<a [^>]*href="\/p\/profile"[^>]*>Check your payout details<\/a>/);
  });

  it('that was paid or is in progress does not send the partner anywhere', () => {
    const paid = render({ status: 'paid', paidAt: new Date('2026-11-02T09:00:00Z'), reference: 'TRF-7', failureReason: null });
    expect(paid).toBe('<span class="text-xs text-slate-600">paid 2026-11-02 · ref TRF-7</span>');
    expect(render({ status: 'processing', paidAt: null, reference: null, failureReason: null })).not.toContain('href');
  });
});
