import { getDb } from '@/db/client';
import { assertJobCaller } from '@/lib/http/job-auth';
import { errorResponse } from '@/lib/http/respond';
import { runDealExpiryJob } from '@/lib/server/rewards/deals';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Persists the expiry of deal registrations past their date, in every workspace. Pages already show
 * them as expired (reads derive it), so this only keeps the stored status honest; running it again
 * changes nothing. Called hourly by the cron entry in vercel.json, every minute by `npm run dev`,
 * and on demand:
 *   curl -X POST -H "Authorization: Bearer $JOB_SECRET" https://<app>/api/jobs/expire-deals
 */
async function run(request: Request): Promise<Response> {
  try {
    assertJobCaller(request);
    return Response.json(await runDealExpiryJob(getDb(), new Date()), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return errorResponse(err, 'expire-deals job');
  }
}

// Vercel Cron calls with GET; a job route is the one GET allowed to write, and only with the job secret.
export const GET = run;
export const POST = run;
