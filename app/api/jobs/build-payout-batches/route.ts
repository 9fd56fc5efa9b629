import { jobRoute } from '@/lib/http/job-route';
import { resumeBuildingBatches } from '@/lib/server/rewards/payout-build';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
// a big batch is built over several calls: each stops after its budget and the next one goes on
export const maxDuration = 60;

/**
 * Finishes payout batches left `building`, in every workspace: a confirmed batch is built after the
 * response that created it, and this resumes one a restart or a timeout interrupted. Two builders
 * at once take turns chunk by chunk (the workspace's batch lock), so running it again is harmless.
 * Called every minute by the cron entry in vercel.json, every few seconds by `npm run dev`, and on
 * demand:
 *   curl -X POST -H "Authorization: Bearer $JOB_SECRET" https://<app>/api/jobs/build-payout-batches
 */
export const { GET, POST } = jobRoute('build-payout-batches', (db) => resumeBuildingBatches(db, { budgetMs: 45_000 }));
