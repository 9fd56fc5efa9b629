import type { Redis } from '@upstash/redis';
import { recordClicksInRedis, type ClickMessage, type RecordedClick } from './click-record';

/**
 * Clicks arriving at one isolate within a few milliseconds of each other share one pipelined round
 * trip to Redis, instead of one HTTP request each: under load that is most of the cost of a
 * tracked redirect. It runs after the responses (waitUntil), so visitors never wait for it; each
 * request's waitUntil holds its click's promise until the shared write has answered.
 */
const GATHER_MS = 5;
const MAX_BATCH = 200;

interface Waiting {
  click: ClickMessage;
  resolve: (r: RecordedClick) => void;
  reject: (e: unknown) => void;
}
let waiting: Waiting[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let redisOfBatch: (() => Redis) | undefined;

function send(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const batch = waiting;
  waiting = [];
  if (batch.length === 0 || !redisOfBatch) return;
  let redis: Redis;
  try {
    redis = redisOfBatch();
  } catch (error) {
    for (const w of batch) w.reject(error);
    return;
  }
  recordClicksInRedis(redis, batch.map((w) => w.click)).then(
    (results) => batch.forEach((w, i) => w.resolve(results[i])),
    (error: unknown) => batch.forEach((w) => w.reject(error)),
  );
}

/** Resolves when Redis has accepted the click (with the batch it travelled in), rejects if not. */
export function recordClickBatched(redis: () => Redis, click: ClickMessage): Promise<RecordedClick> {
  redisOfBatch = redis;
  return new Promise((resolve, reject) => {
    waiting.push({ click, resolve, reject });
    if (waiting.length >= MAX_BATCH) send();
    else timer ??= setTimeout(send, GATHER_MS);
  });
}
