import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { storeClick } from '../helpers/clicks';
import { setUpScenario } from '../../scripts/scenarios/setup';
import { saveSecret } from '../../lib/server/secrets';
import { ledgerEntries, workspaces } from '../../db/schema';
import { stripePoster, subscriptionPurchase, type SubscriptionPurchase } from '../fixtures/stripe/purchase';

// Since API 2025-03-31 a charge no longer names its invoice: charge.refunded of a subscription's
// renewal names only the charge and its payment intent. The refund must still find its order,
// through invoice_payment.paid or the invoice's own payments list, whichever comes first; a refund
// that overtakes them is held (200), not refused (400, which Stripe retried for days).

const db = testDatabase();
const stripeRoute = await import('../../app/api/v1/integrations/stripe/[workspace]/route');
const SECRET = 'whsec_test_PLrenewalRefundsSecret01';
const post = stripePoster(stripeRoute.POST, SECRET);
const T0 = Date.UTC(2026, 1, 2, 9, 0, 0) / 1000;

let slug: string;
let workspaceId: string;
let linkCode: string;

beforeAll(async () => {
  linkCode = uniq('rfd');
  const ids = await setUpScenario(db, {
    title: 'stripe renewal refunds',
    workspace: { baseCurrency: 'USD' },
    programs: [{ key: 'ref', unit: 'USD', model: 'last_touch', windowDays: 30, holdDays: 0, rewards: [{ type: 'recurring_share', percent: '20', durationMonths: null }] }],
    partners: [{ key: 'anna', email: `${linkCode}@partners.test`, enrollments: [{ program: 'ref' }], links: [{ code: linkCode }] }],
    steps: [],
    expect: { entries: [] },
  });
  workspaceId = ids.workspaceId;
  [{ slug }] = await db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, workspaceId));
  await saveSecret(db, workspaceId, 'stripe', SECRET);
});

/** A subscription bought through a click, whose session, first invoice and renewal were delivered. */
async function renewedSubscription(opts: { renewalListsPayments: boolean }): Promise<SubscriptionPurchase> {
  const tag = uniq('R');
  await storeClick(db, workspaceId, { id: `clk_${tag}`, linkCode, visitorId: `v-${tag}`, at: new Date((T0 - 600) * 1000) });
  const p = subscriptionPurchase(tag, { clickId: `clk_${tag}`, created: T0, renewalListsPayments: opts.renewalListsPayments });
  for (const e of [p.session, p.firstInvoice, p.renewal]) expect((await post(slug, e)).status).toBe(200);
  return p;
}

const renewalLedger = (p: SubscriptionPurchase) =>
  db.select({ kind: ledgerEntries.kind, amount: ledgerEntries.amount }).from(ledgerEntries)
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.orderRef, p.ids.renewal)))
    .orderBy(ledgerEntries.seq);

describe('refunds of subscription renewals (charges that name no invoice)', () => {
  it('holds the refund until invoice_payment.paid says which invoice the charge paid, then reverses it', async () => {
    const p = await renewedSubscription({ renewalListsPayments: false });
    expect('invoice' in p.refund.data.object).toBe(false);
    const refund = await post(slug, p.refund);
    expect(refund.status).toBe(200);
    expect(await refund.json()).toMatchObject({ held: true, id: `${p.ids.renewalCharge}-refunded-2450` });
    expect(await renewalLedger(p)).toEqual([{ kind: 'commission', amount: '9.80' }]);

    expect(await (await post(slug, p.renewalPayment)).json()).toMatchObject({ recorded: true });
    expect(await renewalLedger(p)).toEqual([{ kind: 'commission', amount: '9.80' }, { kind: 'reversal', amount: '-4.90' }]);
    // Stripe retrying the refund now gets the refund's result, and nothing more is reversed
    expect(await (await post(slug, p.refund)).json()).toMatchObject({ type: 'refund', entries: [{ kind: 'reversal', amount: '-4.90' }] });
    expect(await renewalLedger(p)).toHaveLength(2);
  });

  it('reverses at once when invoice_payment.paid came first, and for the rest of the charge later', async () => {
    const p = await renewedSubscription({ renewalListsPayments: false });
    await post(slug, p.renewalPayment);
    expect(await (await post(slug, p.refund)).json()).toMatchObject({ type: 'refund', entries: [{ kind: 'reversal', amount: '-4.90' }] });
    const rest = structuredClone(p.refund);
    Object.assign(rest, { id: `${p.refund.id}_2`, created: p.refund.created + 3600 });
    Object.assign(rest.data.object, { amount_refunded: 4900, refunded: true });
    expect(await (await post(slug, rest)).json()).toMatchObject({ entries: [{ kind: 'reversal', amount: '-4.90' }] });
    expect(await renewalLedger(p)).toEqual([{ kind: 'commission', amount: '9.80' }, { kind: 'reversal', amount: '-4.90' }, { kind: 'reversal', amount: '-4.90' }]);
  });

  it("finds the order through the invoice's own payments list when the payload includes it", async () => {
    const p = await renewedSubscription({ renewalListsPayments: true });
    expect(await (await post(slug, p.refund)).json()).toMatchObject({ type: 'refund', entries: [{ kind: 'reversal', amount: '-4.90' }] });
  });

  it('still reads a charge that names its invoice (API versions before 2025-03-31)', async () => {
    const p = await renewedSubscription({ renewalListsPayments: false });
    p.refund.data.object.invoice = p.ids.renewal;
    expect(await (await post(slug, p.refund)).json()).toMatchObject({ type: 'refund', entries: [{ kind: 'reversal', amount: '-4.90' }] });
  });
});
