import 'server-only';
import type { NextRequest } from 'next/server';
import type { Database } from '../../../db/client';
import { insertClickRows } from '../../../db/queries/tracked-clicks';
import { findTrackedLinkByCode } from '../../../db/queries/tracked-links';
import { recordClickInRedis, type ClickMessage } from '../../tracking/click-record';
import { FALLBACK_REASON_HEADER } from '../../tracking/edge';
import { noteRedisFailure } from '../../tracking/health';
import { cacheLink, cacheUnknownCode, linkLeadsNowhere } from '../../tracking/link-cache';
import { linkNotFoundResponse } from '../../tracking/not-found-page';
import { writeRedis } from '../../tracking/redis';
import { linkCodeFromPath, planVisit } from '../../tracking/visit';
import { cachedLinkOf } from '../links';
import { clickRowOf } from './click-message';

/**
 * The tracked-link visit when the edge could not answer from Redis: a cache miss (read Postgres,
 * refill Redis, record the click in Redis as the edge would) or Redis unreachable (read Postgres
 * and write the click straight into Postgres, so the outage loses nothing). Same redirect, cookie
 * and not-found page as the edge.
 */
export async function visitFromPostgres(db: Database, req: NextRequest, rawCode: string): Promise<Response> {
  const code = linkCodeFromPath(`/r/${rawCode}`);
  if (!code) return linkNotFoundResponse(req.method);
  let redisUsable = req.headers.get(FALLBACK_REASON_HEADER) !== 'redis-unavailable';

  const row = await findTrackedLinkByCode(db, code);
  if (!row) {
    if (redisUsable) await cacheUnknownCode(writeRedis(), code).catch((err) => noteRedisFailure('refill', err));
    return linkNotFoundResponse(req.method);
  }
  const link = cachedLinkOf(row);
  if (redisUsable) {
    try {
      await cacheLink(writeRedis(), code, link);
    } catch (err) {
      noteRedisFailure('refill', err);
      redisUsable = false;
    }
  }
  // decided from the committed allowed domains, whatever Redis held (a domains change takes effect here first)
  if (linkLeadsNowhere(link)) return linkNotFoundResponse(req.method);

  const visit = planVisit(req, code, link);
  if (visit.click) await storeClick(db, visit.click, redisUsable);
  return visit.response;
}

async function storeClick(db: Database, click: ClickMessage, redisUsable: boolean): Promise<void> {
  if (redisUsable) {
    try {
      await recordClickInRedis(writeRedis(), click);
      return;
    } catch (err) {
      noteRedisFailure('record', err);
    }
  }
  await insertClickRows(db, [clickRowOf(click)]);
}
