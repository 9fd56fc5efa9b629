import 'server-only';
import { getDb, type Database } from '../../db/client';
import { assertJobCaller } from './job-auth';
import { errorResponse } from './respond';

/**
 * The one shape of a cron-callable job route: the job secret first, then the job, its result as
 * uncached JSON, errors mapped once. Vercel Cron calls with GET, so a job answers GET and POST alike:
 * the one GET allowed to write, only with the secret, and every job is idempotent.
 */
export function jobRoute(name: string, job: (db: Database, request: Request) => Promise<unknown>) {
  const run = async (request: Request): Promise<Response> => {
    try {
      assertJobCaller(request);
      return Response.json(await job(getDb(), request), { headers: { 'cache-control': 'no-store' } });
    } catch (err) {
      return errorResponse(err, `${name} job`);
    }
  };
  return { GET: run, POST: run };
}
