import { jobRoute } from '@/lib/http/job-route';
import { deliverDueWebhooks } from '@/lib/server/webhooks/deliver';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Sends due outbound webhooks; called every few seconds by the dev script and by cron. */
export const { GET, POST } = jobRoute('deliver-webhooks', (db) => deliverDueWebhooks(db));
