// The demo partners' payout details, saved through the same service as the portal (encrypted, with
// an audit row each). Every method appears once or more; Channel One and Gadget Guy have none, so a
// new payout batch shows what "needs payout details" looks like.
import type { Database } from '../../db/client';
import { findPartnerByEmail } from '../../db/queries/partners';
import { payoutDetailsSchema } from '../../lib/validation/payout-details';
import { writePayoutDetails } from '../../lib/server/payout-details';

const DEMO_PAYOUT_DETAILS: Record<string, Record<string, string>> = {
  'partner@demo.test': { method: 'paypal', email: 'partner@demo.test' },
  'maya@creators.test': { method: 'paypal', email: 'maya@creators.test' },
  'studio@northwind.test': {
    method: 'bank_transfer', accountHolder: 'Northwind Studio GmbH', holderType: 'business', country: 'DE',
    accountFormat: 'iban', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX',
  },
  'sales@resellco.test': {
    method: 'bank_transfer', accountHolder: 'ResellCo Ltd', holderType: 'business', country: 'US',
    accountFormat: 'local', accountNumber: '000123456789', routingCode: '021000021', accountType: 'checking',
  },
  'ops@launchpad.test': {
    method: 'bank_transfer', accountHolder: 'Launchpad Consulting Ltd', holderType: 'business', country: 'GB',
    accountFormat: 'local', accountNumber: '31926819', routingCode: '60-16-13',
  },
  'hello@brightpixel.test': { method: 'wise', email: 'hello@brightpixel.test', accountHolder: 'Bright Pixel Agency', holderType: 'business' },
  'ana@referrals.test': { method: 'other', instructions: 'Payoneer, to ana@referrals.test (USD balance).' },
};

export async function seedPayoutDetails(db: Database, workspaceId: string, at: Date): Promise<void> {
  for (const [email, form] of Object.entries(DEMO_PAYOUT_DETAILS)) {
    const partner = await findPartnerByEmail(db, workspaceId, email);
    if (!partner) throw new Error(`demo partner ${email} is missing`);
    // through the portal's schema: demo data is held to the same rules as a partner's
    await writePayoutDetails(db, workspaceId, partner.id, payoutDetailsSchema.parse(form), partner.userId, at);
  }
}
