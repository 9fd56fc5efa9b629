import type { NewProgram } from './queries/programs';

// The demo workspace's configuration: one program of each kind a merchant typically runs.
export const DEMO_SLUG = 'demo';
export const DEMO_PASSWORD = 'demo-password';

export const demoPrograms: (NewProgram & { key: string })[] = [
  {
    key: 'referral', slug: 'referrals', name: 'Customer referrals', category: 'referral', unit: 'USD',
    description: 'Recommend us to a company you know: a fee per new customer plus 5% of their first purchases.',
    rules: [{ type: 'per_customer', amount: '50.00' }, { type: 'one_time_share', percent: '5' }],
    model: 'last_touch', windowDays: 60, holdDays: 30, approvalMode: 'auto',
  },
  {
    key: 'agency', slug: 'agencies', name: 'Agency partners', category: 'agency', unit: 'USD',
    description: 'Agencies that bring clients earn 20% of subscription revenue for a year.',
    rules: [{ type: 'recurring_share', percent: '20', durationMonths: 12 }, { type: 'one_time_share', percent: '10' }],
    model: 'first_touch', windowDays: 90, holdDays: 30, approvalMode: 'manual',
  },
  {
    key: 'gold', slug: 'reseller-gold', name: 'Reseller Gold', category: 'reseller', unit: 'USD',
    rules: [{ type: 'one_time_share', percent: '25' }, { type: 'recurring_share', percent: '25', durationMonths: null }],
    model: 'last_touch', windowDays: 90, holdDays: 14, approvalMode: 'manual', joinPageEnabled: false,
  },
  {
    key: 'silver', slug: 'reseller-silver', name: 'Reseller Silver', category: 'reseller', unit: 'USD',
    rules: [{ type: 'one_time_share', percent: '15' }, { type: 'recurring_share', percent: '15', durationMonths: null }],
    model: 'last_touch', windowDays: 90, holdDays: 14, approvalMode: 'manual',
  },
  {
    key: 'affiliate', slug: 'affiliates', name: 'Affiliate points', category: 'affiliate', unit: 'points',
    description: 'Creators earn points on every hardware sale they send us.',
    rules: [{ type: 'one_time_share', percent: '10' }],
    scope: { include: { categories: ['hardware'] }, exclude: { products: ['gift-card'] } },
    model: 'position_based', windowDays: 30, holdDays: 0, approvalMode: 'auto', couponPrecedence: 'touch',
  },
  {
    key: 'implementation', slug: 'implementation', name: 'Implementation partners', category: 'implementation', unit: 'USD',
    rules: [{ type: 'milestone', name: 'go-live', amount: '500.00' }],
    model: 'last_touch', windowDays: 90, holdDays: 0, approvalMode: 'manual',
  },
];

export interface DemoPartner {
  email: string;
  name: string;
  company?: string;
  /** only the demo partner login has an account */
  withAccount?: boolean;
  programs: string[];
  pending?: string[];
  coupon?: { code: string; program: string };
}

export const demoPartners: DemoPartner[] = [
  { email: 'partner@demo.test', name: 'Pat Partner', company: 'Pat & Co', withAccount: true, programs: ['referral', 'agency', 'affiliate'], coupon: { code: 'PAT10', program: 'referral' } },
  { email: 'studio@northwind.test', name: 'Northwind Studio', company: 'Northwind', programs: ['agency'] },
  { email: 'hello@brightpixel.test', name: 'Bright Pixel', company: 'Bright Pixel Agency', programs: ['agency', 'referral'] },
  { email: 'sales@resellco.test', name: 'ResellCo', company: 'ResellCo Ltd', programs: ['gold', 'silver'] },
  { email: 'team@channelone.test', name: 'Channel One', programs: ['silver'] },
  { email: 'maya@creators.test', name: 'Maya Reviews', programs: ['affiliate'], coupon: { code: 'MAYA5', program: 'affiliate' } },
  { email: 'tech@gadgetguy.test', name: 'Gadget Guy', programs: ['affiliate'] },
  { email: 'ops@launchpad.test', name: 'Launchpad Consulting', programs: ['implementation'] },
  { email: 'ana@referrals.test', name: 'Ana Lopez', programs: ['referral'], pending: ['agency'] },
  { email: 'new@applicant.test', name: 'New Applicant', programs: [], pending: ['silver'] },
];

export const demoCatalog = [
  { product: 'cloud-pro', plan: 'monthly', category: 'subscription', amount: '99.00', recurring: true },
  { product: 'cloud-team', plan: 'annual', category: 'subscription', amount: '1188.00', recurring: true },
  { product: 'onboarding', category: 'services', amount: '450.00', recurring: false },
  { product: 'edge-router', category: 'hardware', amount: '329.00', recurring: false },
  { product: 'sensor-kit', category: 'hardware', amount: '74.50', recurring: false },
  { product: 'gift-card', category: 'hardware', amount: '50.00', recurring: false },
] as const;
