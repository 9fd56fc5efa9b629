import { getDb } from '@/db/client';
import { errorResponse } from '@/lib/http/respond';
import { assertJobCaller } from '@/lib/http/job-auth';
import { deliverDueWebhooks } from '@/lib/server/webhooks/deliver';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Sends due outbound webhooks; called every few seconds by the dev script and by cron. */
async function run(request: Request): Promise<Response> {
  try {
    assertJobCaller(request);
    return Response.json(await deliverDueWebhooks(getDb()));
  } catch (err) {
    return errorResponse(err, 'deliver-webhooks job');
  }
}

export const GET = run;
export const POST = run;
