import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { env } from '../env';
import { AppError } from '../errors';

/**
 * Cron-callable job routes accept `Authorization: Bearer <JOB_SECRET>` (what Vercel Cron sends
 * with CRON_SECRET-style setups) or `x-job-secret`. Without JOB_SECRET configured they refuse all.
 */
export function assertJobCaller(request: Request): void {
  const expected = env().JOB_SECRET;
  const given = request.headers.get('x-job-secret') ?? request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
  const digest = (s: string) => createHash('sha256').update(s).digest();
  if (!expected || !timingSafeEqual(digest(given), digest(expected))) {
    throw new AppError('unauthorized', 'This job needs its secret.');
  }
}
