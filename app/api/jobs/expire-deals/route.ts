import { jobRoute } from '@/lib/http/job-route';
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
export const { GET, POST } = jobRoute('expire-deals', (db) => runDealExpiryJob(db, new Date()));
