import { jobRoute } from '@/lib/http/job-route';
import { releaseDueStripeEvents } from '@/lib/server/stripe/release-job';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
export const maxDuration = 60;

/**
 * Decides held Stripe events whose wait is over, in every workspace (lib/server/stripe/holds.ts):
 * an invoice whose Checkout Session never came within the grace period, a renewal whose
 * subscription's first order never came, a release that failed and is due for a retry. Running it
 * again changes nothing. Called every minute by the cron entry in vercel.json and by `npm run dev`,
 * and on demand:
 *   curl -X POST -H "Authorization: Bearer $JOB_SECRET" https://<app>/api/jobs/release-stripe-orders
 */
export const { GET, POST } = jobRoute('release-stripe-orders', (db) => releaseDueStripeEvents(db));
