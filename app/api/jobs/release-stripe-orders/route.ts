import { getDb } from '@/db/client';
import { assertJobCaller } from '@/lib/http/job-auth';
import { errorResponse } from '@/lib/http/respond';
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
async function run(request: Request): Promise<Response> {
  try {
    assertJobCaller(request);
    return Response.json(await releaseDueStripeEvents(getDb()), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err, 'release-stripe-orders job');
  }
}

// Vercel Cron calls with GET; a job route is the one GET allowed to write, and only with the job secret.
export const GET = run;
export const POST = run;
