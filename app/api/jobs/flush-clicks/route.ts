import { jobRoute } from '@/lib/http/job-route';
import { getRedis } from '@/lib/kv/redis';
import { flushClicks, MAX_BUDGET_MS } from '@/lib/server/tracking/flush-clicks';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
export const maxDuration = 60;

/**
 * Moves clicks from Redis into Postgres (exactly once by click id). Called every 3 s by
 * `npm run dev`, every minute by the cron entry in vercel.json, and on demand:
 *   curl -H "Authorization: Bearer $JOB_SECRET" https://<app>/api/jobs/flush-clicks?budgetMs=20000
 */
export const { GET, POST } = jobRoute('flush-clicks', (db, request) => {
  const requested = Number(new URL(request.url).searchParams.get('budgetMs'));
  const budgetMs = Number.isFinite(requested) && requested > 0 ? Math.min(requested, MAX_BUDGET_MS) : 20_000;
  return flushClicks(db, getRedis(), { budgetMs });
});
