import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { env } from '../env';
import { AppError } from '../errors';
import { presentedSecret } from '../tracking/secret';

/**
 * Cron-callable job routes accept `Authorization: Bearer <JOB_SECRET>` (what Vercel Cron sends
 * with CRON_SECRET-style setups) or `x-job-secret`, read by the same helper the edge middleware
 * uses. Without JOB_SECRET configured they refuse all. Synchronous on purpose: a route that forgot
 * to await its guard would otherwise run unguarded.
 */
export function assertJobCaller(request: Request): void {
  const expected = env().JOB_SECRET;
  const given = presentedSecret(request.headers) ?? '';
  const digest = (s: string) => createHash('sha256').update(s).digest();
  if (!expected || !timingSafeEqual(digest(given), digest(expected))) {
    throw new AppError('unauthorized', 'This job needs its secret.');
  }
}
