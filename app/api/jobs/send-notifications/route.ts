import { jobRoute } from '@/lib/http/job-route';
import { env } from '@/lib/env';
import { runNotificationsJob } from '@/lib/server/notifications/send';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Partner notification emails: queues the day's "rewards became payable" summaries, then sends due
 * emails once each (lib/server/notifications/send.ts). Called every minute by cron and the dev script.
 * Links in the emails use APP_URL, else the origin this job was called on.
 */
export const { GET, POST } = jobRoute('send-notifications', (db, request) =>
  runNotificationsJob(db, { origin: env().APP_URL ?? new URL(request.url).origin }),
);
