/**
 * The Upstash-compatible bridge, driven through the real @upstash/redis client (plus raw HTTP
 * where the wire format itself is the point). The same table runs against the in-memory store
 * and against a real Redis, so the store is held to Redis' own replies and error texts.
 */
import { spawn } from 'node:child_process';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis, type RedisConfigNodejs } from '@upstash/redis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisBridge, type RedisBridge } from '../../scripts/redis-bridge/server';

const TOKEN = 'bridge-test-token';
const RUN_ID = `redis-bridge-test:${process.pid}:${Date.now().toString(36)}`;
const REAL_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisAnswers(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

// An explicit REDIS_URL that does not answer is a failure, not a skip.
const realRedisUp = await redisAnswers(REAL_REDIS_URL);
const skipRealRedis = !process.env.REDIS_URL && !realRedisUp;
if (skipRealRedis) {
  console.warn(`[redis-bridge.test] REDIS_URL is unset and no Redis answers at ${REAL_REDIS_URL}: skipping the real-Redis back-end.`);
}

async function deleteKeys(url: string, pattern: string): Promise<void> {
  const client = createClient({ url, socket: { reconnectStrategy: false } });
  client.on('error', () => {});
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: pattern, COUNT: 500 })) {
      if (keys.length > 0) await client.del(keys);
    }
  } finally {
    client.destroy();
  }
}

interface RawResponse {
  status: number;
  body: unknown;
}

async function rawRequest(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const backends = [
  { label: 'in-memory store', redisUrl: undefined, skip: false },
  { label: `real Redis (${REAL_REDIS_URL})`, redisUrl: REAL_REDIS_URL, skip: skipRealRedis },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`redis bridge over the ${backend.label}`, () => {
    let bridge: RedisBridge;
    let counter = 0;
    /** A fresh key per call, all under this run's prefix so cleanup is one SCAN. */
    const key = (name: string) => `${RUN_ID}:${name}:${++counter}`;

    const client = (options: Partial<RedisConfigNodejs> = {}) =>
      new Redis({ url: bridge.url, token: TOKEN, enableTelemetry: false, retry: false, ...options });
    const raw = (body: unknown, headers?: Record<string, string>) => rawRequest(bridge.url, body, headers);
    const rawAt = (route: string, body: unknown, headers?: Record<string, string>) => rawRequest(`${bridge.url}${route}`, body, headers);

    beforeAll(async () => {
      bridge = await createRedisBridge({ redisUrl: backend.redisUrl, token: TOKEN });
    });

    afterAll(async () => {
      if (backend.redisUrl) await deleteKeys(backend.redisUrl, `${RUN_ID}:*`);
      await bridge?.close();
    });

    describe('strings', () => {
      const tricky = [
        'plain',
        'héllo wörld ✓ 日本語 🚀',
        '{"looks":"like json","n":[1,2]}',
        '123',
        '00123',
        '1.50',
        '-0',
        'true',
        'null',
        'OK',
        '',
        '  spaced  ',
        'multi\nline\ttext',
      ];

      for (const responseEncoding of ['base64', false] as const) {
        it(`round-trip byte-exact with automaticDeserialization off (responseEncoding: ${String(responseEncoding)})`, async () => {
          const redis = client({ automaticDeserialization: false, responseEncoding });
          for (const value of tricky) {
            const k = key('str');
            expect(await redis.set(k, value)).toBe('OK');
            expect(await redis.get(k)).toBe(value);
          }
          const keys = tricky.map(() => key('mget'));
          await redis.mset(Object.fromEntries(keys.map((k, i) => [k, tricky[i]])));
          expect(await redis.mget(...keys, key('missing'))).toEqual([...tricky, null]);
        });
      }

      it('round-trip JSON values with the client default (automatic deserialization)', async () => {
        const redis = client();
        const k = key('json');
        await redis.set(k, { user: 'ünïcode', tags: ['a', 'b'], n: 1.5 });
        expect(await redis.get(k)).toEqual({ user: 'ünïcode', tags: ['a', 'b'], n: 1.5 });
        await redis.set(k, 42);
        expect(await redis.get(k)).toBe(42);
        expect(await redis.get(key('missing'))).toBeNull();
      });

      it('SET options: NX, XX, GET, EX', async () => {
        const redis = client({ automaticDeserialization: false });
        const k = key('set-opts');
        expect(await redis.set(k, 'a', { nx: true })).toBe('OK');
        expect(await redis.set(k, 'b', { nx: true })).toBeNull();
        expect(await redis.set(key('absent'), 'b', { xx: true })).toBeNull();
        expect(await redis.set(k, 'c', { get: true })).toBe('a');
        expect(await redis.get(k)).toBe('c');
        await redis.set(k, 'd', { ex: 100 });
        expect(await redis.ttl(k)).toBeGreaterThan(95);
        expect(await redis.getdel(k)).toBe('d');
        expect(await redis.exists(k)).toBe(0);
      });

      it('INCR, INCRBY, DECR and an error for non-integers', async () => {
        const redis = client();
        const k = key('counter');
        expect(await redis.incr(k)).toBe(1);
        expect(await redis.incrby(k, 41)).toBe(42);
        expect(await redis.decr(k)).toBe(41);
        expect(await redis.decrby(k, 1)).toBe(40);
        const text = key('text');
        await redis.set(text, 'not a number');
        await expect(redis.incr(text)).rejects.toThrow('ERR value is not an integer or out of range');
        // Without auto-pipelining the error takes the single-command path (HTTP 400).
        await expect(client({ enableAutoPipelining: false }).incr(text)).rejects.toThrow(
          'ERR value is not an integer or out of range',
        );
      });
    });

    describe('expiry', () => {
      it('EXPIRE, TTL, PTTL, PERSIST and the NX option used by the rate limiter', async () => {
        const redis = client();
        const k = key('ttl');
        expect(await redis.ttl(k)).toBe(-2);
        await redis.set(k, 'v');
        expect(await redis.ttl(k)).toBe(-1);
        expect(await redis.expire(k, 100)).toBe(1);
        expect(await redis.ttl(k)).toBeGreaterThanOrEqual(99);
        expect(await redis.expire(k, 5, 'NX')).toBe(0); // already has a TTL
        expect(await redis.ttl(k)).toBeGreaterThanOrEqual(99);
        const pttl = await redis.pttl(k);
        expect(pttl).toBeGreaterThan(98_000);
        expect(pttl).toBeLessThanOrEqual(100_000);
        expect(await redis.persist(k)).toBe(1);
        expect(await redis.ttl(k)).toBe(-1);
        expect(await redis.expire(key('missing'), 10)).toBe(0);
      });

      it('keys really expire', async () => {
        const redis = client();
        const a = key('short');
        const b = key('short');
        await redis.set(a, 'v', { px: 80 });
        await redis.set(b, 'v');
        await redis.pexpire(b, 80);
        await new Promise((resolve) => setTimeout(resolve, 250));
        expect(await redis.get(a)).toBeNull();
        expect(await redis.exists(a, b)).toBe(0);
        expect(await redis.ttl(b)).toBe(-2);
      });

      it('the pipelined rate-limit pattern (INCR + EXPIRE NX + TTL)', async () => {
        const redis = client();
        const k = key('rate');
        const hit = async () => {
          const p = redis.pipeline();
          p.incr(k);
          p.expire(k, 60, 'NX');
          p.ttl(k);
          return p.exec();
        };
        expect(await hit()).toEqual([1, 1, 60]);
        const [count, expireSet, ttl] = await hit();
        expect(count).toBe(2);
        expect(expireSet).toBe(0);
        expect(ttl).toBeGreaterThanOrEqual(59);
      });
    });

    describe('hashes', () => {
      it('HGETALL comes back as an object through the client', async () => {
        const redis = client();
        const k = key('hash');
        expect(await redis.hset(k, { name: 'Ada', visits: 3, meta: { a: 1 } })).toBe(3);
        expect(await redis.hgetall(k)).toEqual({ name: 'Ada', visits: 3, meta: { a: 1 } });
        expect(await redis.hgetall(key('missing'))).toBeNull();
      });

      it('HGET, HMGET, HINCRBY, HEXISTS, HLEN, HDEL', async () => {
        const redis = client({ automaticDeserialization: false });
        const k = key('hash');
        await redis.hset(k, { a: '1', b: 'two' });
        expect(await redis.hget(k, 'b')).toBe('two');
        expect(await redis.hget(k, 'zz')).toBeNull();
        expect(await redis.hincrby(k, 'a', 10)).toBe(11);
        expect(await redis.hincrby(k, 'new', -2)).toBe(-2);
        await expect(redis.hincrby(k, 'b', 1)).rejects.toThrow('ERR hash value is not an integer');
        expect(await redis.hexists(k, 'a')).toBe(1);
        expect(await redis.hlen(k)).toBe(3);
        expect(await redis.hdel(k, 'a', 'new', 'nope')).toBe(2);
        expect(await redis.hdel(k, 'b')).toBe(1);
        expect(await redis.exists(k)).toBe(0); // an emptied hash is gone
        const mk = key('hmget');
        await redis.hset(mk, { x: '1' });
        expect(await client().hmget(mk, 'x', 'y')).toEqual({ x: 1, y: null });
      });
    });

    describe('lists', () => {
      it('push, range, pop with count, trim, move, remove', async () => {
        const redis = client({ automaticDeserialization: false });
        const k = key('list');
        expect(await redis.rpush(k, 'a', 'b', 'c')).toBe(3);
        expect(await redis.lpush(k, 'z', 'y')).toBe(5);
        expect(await redis.lrange(k, 0, -1)).toEqual(['y', 'z', 'a', 'b', 'c']);
        expect(await redis.lrange(k, -2, 100)).toEqual(['b', 'c']);
        expect(await redis.llen(k)).toBe(5);
        expect(await redis.lpop(k)).toBe('y');
        expect(await redis.rpop(k, 2)).toEqual(['c', 'b']);
        expect(await redis.lpop(key('missing'), 2)).toBeNull();
        expect(await redis.ltrim(k, 0, 0)).toBe('OK');
        expect(await redis.lrange(k, 0, -1)).toEqual(['z']);
        const dst = key('dst');
        expect(await redis.lmove(k, dst, 'left', 'right')).toBe('z');
        expect(await redis.exists(k)).toBe(0);
        await redis.rpush(dst, 'x', 'z', 'x', 'x');
        expect(await redis.lrem(dst, -2, 'x')).toBe(2);
        expect(await redis.lrange(dst, 0, -1)).toEqual(['z', 'x', 'z']);
        expect(await redis.lrem(dst, 0, 'z')).toBe(2);
        expect(await redis.lrange(dst, 0, -1)).toEqual(['x']);
      });

      it('WRONGTYPE when a list command hits a string', async () => {
        const redis = client();
        const k = key('str');
        await redis.set(k, 'v');
        await expect(redis.lpush(k, 'x')).rejects.toThrow('WRONGTYPE Operation against a key holding the wrong kind of value');
      });
    });

    describe('sets and sorted sets', () => {
      it('SADD, SREM, SMEMBERS, SISMEMBER, SCARD', async () => {
        const redis = client({ automaticDeserialization: false });
        const k = key('set');
        expect(await redis.sadd(k, 'a', 'b', 'a')).toBe(2);
        expect(await redis.sadd(k, 'c')).toBe(1);
        expect((await redis.smembers(k)).sort()).toEqual(['a', 'b', 'c']);
        expect(await redis.sismember(k, 'b')).toBe(1);
        expect(await redis.srem(k, 'b', 'zz')).toBe(1);
        expect(await redis.scard(k)).toBe(2);
      });

      it('ZADD, ZRANGE (with scores, by score, reversed), ZSCORE, ZINCRBY, ZREM, ZCARD', async () => {
        const redis = client();
        const k = key('zset');
        expect(await redis.zadd(k, { score: 2, member: 'b' }, { score: 1, member: 'a' }, { score: 2, member: 'c' })).toBe(3);
        expect(await redis.zrange(k, 0, -1)).toEqual(['a', 'b', 'c']);
        expect(await redis.zrange(k, 0, -1, { withScores: true })).toEqual(['a', 1, 'b', 2, 'c', 2]);
        expect(await redis.zrange(k, 0, 1, { rev: true })).toEqual(['c', 'b']);
        expect(await redis.zrange(k, '(1', '+inf', { byScore: true })).toEqual(['b', 'c']);
        expect(await redis.zrange(k, 2, 0, { byScore: true, rev: true, offset: 0, count: 2 })).toEqual(['c', 'b']);
        expect(await redis.zscore(k, 'a')).toBe(1);
        expect(await redis.zincrby(k, 2.5, 'a')).toBe(3.5);
        expect(await redis.zscore(k, 'nobody')).toBeNull();
        expect(await redis.zrem(k, 'b', 'nobody')).toBe(1);
        expect(await redis.zcard(k)).toBe(2);
        expect(await redis.zadd(k, { gt: true }, { score: 1, member: 'a' })).toBe(0);
        expect(await redis.zscore(k, 'a')).toBe(3.5);
      });
    });

    describe('keys and server commands', () => {
      it('DEL, EXISTS, TYPE, KEYS with a glob, SCAN with MATCH', async () => {
        const redis = client();
        const base = key('glob');
        await redis.mset({ [`${base}:a1`]: 1, [`${base}:a2`]: 2, [`${base}:b1`]: 3 });
        await redis.sadd(`${base}:set`, 'x');
        expect((await redis.keys(`${base}:a?`)).sort()).toEqual([`${base}:a1`, `${base}:a2`]);
        expect((await redis.keys(`${base}:[ab]1`)).sort()).toEqual([`${base}:a1`, `${base}:b1`]);
        expect(await redis.type(`${base}:set`)).toBe('set');
        expect(await redis.type(`${base}:none`)).toBe('none');
        expect(await redis.exists(`${base}:a1`, `${base}:a1`, `${base}:zz`)).toBe(2);

        const seen = new Set<string>();
        let cursor = '0';
        let rounds = 0;
        do {
          const [next, keys] = await redis.scan(cursor, { match: `${base}:*`, count: 2 });
          keys.forEach((k) => seen.add(k));
          cursor = String(next);
          rounds++;
        } while (cursor !== '0' && rounds < 100_000);
        expect([...seen].sort()).toEqual([`${base}:a1`, `${base}:a2`, `${base}:b1`, `${base}:set`]);

        expect(await redis.del(`${base}:a1`, `${base}:a2`, `${base}:zz`)).toBe(2);
      });

      it('PING and ECHO', async () => {
        const redis = client({ automaticDeserialization: false });
        expect(await redis.ping()).toBe('PONG');
        expect(await redis.ping(['hé'])).toBe('hé'); // the client takes the message as a one-element array
        expect(await redis.echo('💬 42')).toBe('💬 42');
      });
    });

    describe('pipelines and transactions', () => {
      it('a pipeline returns one result per command, in order', async () => {
        const redis = client({ automaticDeserialization: false });
        const k = key('pipe');
        const h = key('pipe-hash');
        const results = await redis.pipeline().set(k, '1').incr(k).get(k).hset(h, { f: 'v' }).hgetall(h).lpop(key('none')).exec();
        expect(results).toEqual(['OK', 2, '2', 1, ['f', 'v'], null]);
      });

      it('a failing command fails only its own slot (keepErrors), and exec() throws with the message otherwise', async () => {
        const redis = client();
        const k = key('pipe-err');
        await redis.set(k, 'text');
        const results = await redis.pipeline().get(k).incr(k).set(k, 'after').exec({ keepErrors: true });
        expect(results[0]).toEqual({ result: 'text', error: undefined });
        expect(results[1].error).toBe('ERR value is not an integer or out of range');
        expect(results[2].result).toBe('OK');
        await expect(redis.pipeline().incr(k).exec()).rejects.toThrow('ERR value is not an integer or out of range');
      });

      it('a transaction runs all commands (MULTI/EXEC through the client)', async () => {
        const redis = client();
        const k = key('tx');
        const l = key('tx-list');
        expect(await redis.multi().set(k, 5).incrby(k, 3).get(k).rpush(l, 'a', 'b').lrange(l, 0, -1).exec()).toEqual([
          'OK',
          8,
          8,
          2,
          ['a', 'b'],
        ]);
      });

      it('a runtime error fails its slot but the rest of the transaction still applies', async () => {
        const redis = client({ automaticDeserialization: false });
        const k = key('tx-err');
        const results = await redis.multi().set(k, 'x').incr(k).set(k, 'y').exec({ keepErrors: true });
        expect(results.map((r) => r.error ?? r.result)).toEqual(['OK', 'ERR value is not an integer or out of range', 'OK']);
        expect(await redis.get(k)).toBe('y');
      });

      it('a command refused at queue time aborts the whole transaction with EXECABORT', async () => {
        const k = key('tx-abort');
        const res = await rawAt('/multi-exec', [['SET', k, 'v'], ['GET']]);
        expect(res).toEqual({ status: 400, body: { error: 'EXECABORT Transaction discarded because of previous errors.' } });
        expect(await client().exists(k)).toBe(0);
      });

      it('concurrent pipelines each get their own results back', async () => {
        const jobs = Array.from({ length: 25 }, async (_, i) => {
          const redis = client({ automaticDeserialization: false });
          const s = key(`conc-${i}`);
          const l = key(`conc-list-${i}`);
          const result = await redis
            .pipeline()
            .set(s, `value-${i}`)
            .append(s, `-${i}`)
            .get(s)
            .incrby(key(`conc-n-${i}`), i)
            .rpush(l, `${i}a`, `${i}b`)
            .lrange(l, 0, -1)
            .exec();
          return { i, result };
        });
        for (const { i, result } of await Promise.all(jobs)) {
          const value = `value-${i}-${i}`;
          expect(result).toEqual(['OK', value.length, value, i, 2, [`${i}a`, `${i}b`]]);
        }
      });

      it('concurrent transactions on one key never see each other or outside writes', async () => {
        const shared = key('atomic');
        const transactions = Array.from({ length: 20 }, (_, i) =>
          rawAt('/multi-exec', [
            ['DEL', shared],
            ['RPUSH', shared, `${i}-1`],
            ['RPUSH', shared, `${i}-2`],
            ['RPUSH', shared, `${i}-3`],
            ['LRANGE', shared, '0', '-1'],
          ]),
        );
        // Plain commands racing against the transactions: none may land inside one.
        const intruders = Array.from({ length: 40 }, () => raw(['RPUSH', shared, 'intruder']));
        const results = await Promise.all(transactions);
        await Promise.all(intruders);
        results.forEach((res, i) => {
          expect(res.status).toBe(200);
          expect((res.body as Array<{ result: unknown }>)[4]).toEqual({ result: [`${i}-1`, `${i}-2`, `${i}-3`] });
        });
      });
    });

    describe('wire format', () => {
      it('Upstash-Encoding: base64 encodes every string, recursively, and leaves integers and nulls alone', async () => {
        const k = key('b64');
        await raw(['RPUSH', k, 'héllo', '42']);
        const plain = await raw(['LRANGE', k, '0', '-1']);
        expect(plain).toEqual({ status: 200, body: { result: ['héllo', '42'] } });
        const encoded = await raw(['LRANGE', k, '0', '-1'], { 'Upstash-Encoding': 'base64' });
        expect(encoded.body).toEqual({ result: [Buffer.from('héllo').toString('base64'), Buffer.from('42').toString('base64')] });
        const pipeline = await rawAt('/pipeline', [['LLEN', k], ['GET', key('nil')], ['SET', key('ok'), 'v'], ['INCR', k]], {
          'Upstash-Encoding': 'base64',
        });
        expect(pipeline).toEqual({
          status: 200,
          body: [
            { result: 2 },
            { result: null },
            { result: Buffer.from('OK').toString('base64') },
            { error: 'WRONGTYPE Operation against a key holding the wrong kind of value' },
          ],
        });
      });

      it('a failing single command is HTTP 400 with {"error"}; the URL form works too', async () => {
        const k = key('url');
        expect(await raw(['NOSUCHCOMMAND', 'a', 'b'])).toEqual({
          status: 400,
          body: { error: "ERR unknown command 'NOSUCHCOMMAND', with args beginning with: 'a' 'b' " },
        });
        await raw(['SET', k, 'via body']);
        const res = await fetch(`${bridge.url}/get/${encodeURIComponent(k)}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
        expect(await res.json()).toEqual({ result: 'via body' });
      });

      it('rejects a missing or wrong token with 401, and the client surfaces it', async () => {
        expect(await raw(['PING'], { Authorization: 'Bearer wrong' })).toEqual({ status: 401, body: { error: 'Unauthorized' } });
        const res = await fetch(bridge.url, { method: 'POST', body: '["PING"]' });
        expect(res.status).toBe(401);
        await expect(new Redis({ url: bridge.url, token: 'wrong', enableTelemetry: false, retry: false }).ping()).rejects.toThrow(
          'Unauthorized',
        );
      });

      it('rejects malformed bodies with 400', async () => {
        const badJson = await raw('["SET", "k"');
        expect(badJson.status).toBe(400);
        expect((badJson.body as { error: string }).error).toMatch(/^ERR failed to parse JSON/);
        expect((await raw({ not: 'a command' })).status).toBe(400);
        expect((await raw([])).status).toBe(400);
        expect((await raw(['SET', 'k', { nested: true }])).status).toBe(400);
        expect((await rawAt('/pipeline', [['PING'], 'PING'])).status).toBe(400);
      });

      it('refuses commands that would change the shared connection', async () => {
        for (const cmd of [['SELECT', '1'], ['MULTI'], ['SUBSCRIBE', 'ch']]) {
          const res = await raw(cmd);
          expect(res.status).toBe(400);
          expect((res.body as { error: string }).error).toMatch(/not supported by the redis bridge/);
        }
      });
    });

    describe('matches Redis reply for reply', () => {
      // Raw replies and error texts that must be identical whichever back-end answers.
      const cases: Array<{ name: string; setup?: string[][]; cmd: (k: string) => string[]; expected: unknown }> = [
        { name: 'SET ... GET returns the old value', setup: [['SET', '$', 'old']], cmd: (k) => ['SET', k, 'new', 'GET'], expected: { result: 'old' } },
        { name: 'SET EX 0', cmd: (k) => ['SET', k, 'v', 'EX', '0'], expected: { error: "ERR invalid expire time in 'set' command" } },
        { name: 'SET EX not a number', cmd: (k) => ['SET', k, 'v', 'EX', 'soon'], expected: { error: 'ERR value is not an integer or out of range' } },
        { name: 'SET NX XX', cmd: (k) => ['SET', k, 'v', 'NX', 'XX'], expected: { error: 'ERR syntax error' } },
        { name: 'wrong arity', cmd: () => ['GET'], expected: { error: "ERR wrong number of arguments for 'get' command" } },
        { name: 'HSET with a dangling field', cmd: (k) => ['HSET', k, 'f'], expected: { error: "ERR wrong number of arguments for 'hset' command" } },
        { name: 'MSET odd', cmd: (k) => ['MSET', k], expected: { error: "ERR wrong number of arguments for 'mset' command" } },
        { name: 'INCR overflow', setup: [['SET', '$', '9223372036854775807']], cmd: (k) => ['INCR', k], expected: { error: 'ERR increment or decrement would overflow' } },
        { name: 'INCR on " 1"', setup: [['SET', '$', ' 1']], cmd: (k) => ['INCR', k], expected: { error: 'ERR value is not an integer or out of range' } },
        { name: 'LPOP negative count', setup: [['RPUSH', '$', 'a']], cmd: (k) => ['LPOP', k, '-1'], expected: { error: 'ERR value is out of range, must be positive' } },
        { name: 'LPOP count 0', setup: [['RPUSH', '$', 'a']], cmd: (k) => ['LPOP', k, '0'], expected: { result: [] } },
        { name: 'LMOVE bad direction', setup: [['RPUSH', '$', 'a']], cmd: (k) => ['LMOVE', k, k, 'UP', 'LEFT'], expected: { error: 'ERR syntax error' } },
        { name: 'EXPIRE NX XX', setup: [['SET', '$', 'v']], cmd: (k) => ['EXPIRE', k, '10', 'NX', 'XX'], expected: { error: 'ERR NX and XX, GT or LT options at the same time are not compatible' } },
        { name: 'EXPIRE GT LT', setup: [['SET', '$', 'v']], cmd: (k) => ['EXPIRE', k, '10', 'GT', 'LT'], expected: { error: 'ERR GT and LT options at the same time are not compatible' } },
        { name: 'EXPIRE GT on a persistent key', setup: [['SET', '$', 'v']], cmd: (k) => ['EXPIRE', k, '10', 'GT'], expected: { result: 0 } },
        { name: 'EXPIRE LT on a persistent key', setup: [['SET', '$', 'v']], cmd: (k) => ['EXPIRE', k, '10', 'LT'], expected: { result: 1 } },
        { name: 'EXPIRE in the past deletes', setup: [['SET', '$', 'v'], ['EXPIRE', '$', '-1']], cmd: (k) => ['EXISTS', k], expected: { result: 0 } },
        { name: 'ZADD bad score', cmd: (k) => ['ZADD', k, 'high', 'm'], expected: { error: 'ERR value is not a valid float' } },
        { name: 'ZADD NX XX', cmd: (k) => ['ZADD', k, 'NX', 'XX', '1', 'm'], expected: { error: 'ERR XX and NX options at the same time are not compatible' } },
        { name: 'ZADD INCR', setup: [['ZADD', '$', '1', 'm']], cmd: (k) => ['ZADD', k, 'INCR', '2.5', 'm'], expected: { result: '3.5' } },
        { name: 'ZRANGE WITHSCORES is flat', setup: [['ZADD', '$', '1', 'a', '2.5', 'b', '-inf', 'c']], cmd: (k) => ['ZRANGE', k, '0', '-1', 'WITHSCORES'], expected: { result: ['c', '-inf', 'a', '1', 'b', '2.5'] } },
        { name: 'ZRANGE LIMIT by index', setup: [['ZADD', '$', '1', 'a']], cmd: (k) => ['ZRANGE', k, '0', '-1', 'LIMIT', '0', '1'], expected: { error: 'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX' } },
        { name: 'ZRANGE BYLEX', setup: [['ZADD', '$', '0', 'a', '0', 'b', '0', 'c']], cmd: (k) => ['ZRANGE', k, '(a', '+', 'BYLEX'], expected: { result: ['b', 'c'] } },
        { name: 'ZINCRBY to NaN', setup: [['ZADD', '$', 'inf', 'm']], cmd: (k) => ['ZINCRBY', k, '-inf', 'm'], expected: { error: 'ERR resulting score is not a number (NaN)' } },
        { name: 'HINCRBY on text', setup: [['HSET', '$', 'f', 'x']], cmd: (k) => ['HINCRBY', k, 'f', '1'], expected: { error: 'ERR hash value is not an integer' } },
        { name: 'HGETALL is a flat array', setup: [['HSET', '$', 'a', '1', 'b', '2']], cmd: (k) => ['HGETALL', k], expected: { result: ['a', '1', 'b', '2'] } },
        { name: 'SCAN bad cursor', cmd: () => ['SCAN', 'abc'], expected: { error: 'ERR invalid cursor' } },
        { name: 'EXISTS counts repeats', setup: [['SET', '$', 'v']], cmd: (k) => ['EXISTS', k, k], expected: { result: 2 } },
        { name: 'TYPE of a hash', setup: [['HSET', '$', 'f', 'v']], cmd: (k) => ['TYPE', k], expected: { result: 'hash' } },
        { name: 'STRLEN counts bytes', setup: [['SET', '$', 'héllo']], cmd: (k) => ['STRLEN', k], expected: { result: 6 } },
        { name: 'MGET reads other types as nil', setup: [['RPUSH', '$', 'a']], cmd: (k) => ['MGET', k], expected: { result: [null] } },
        { name: 'LRANGE on a string', setup: [['SET', '$', 'v']], cmd: (k) => ['LRANGE', k, '0', '-1'], expected: { error: 'WRONGTYPE Operation against a key holding the wrong kind of value' } },
        { name: 'LMOVE rotating a one-element list keeps its TTL', setup: [['RPUSH', '$', 'a'], ['EXPIRE', '$', '100'], ['LMOVE', '$', '$', 'LEFT', 'RIGHT']], cmd: (k) => ['TTL', k], expected: { result: 100 } },
        { name: 'WRONGTYPE beats a missing destination', setup: [['RPUSH', '$', 'a'], ['SET', '$:dst', 'v']], cmd: (k) => ['LMOVE', k, `${k}:dst`, 'LEFT', 'LEFT'], expected: { error: 'WRONGTYPE Operation against a key holding the wrong kind of value' } },
        { name: 'numbers in the body are stringified', cmd: (k) => ['SET', k, '7'], expected: { result: 'OK' } },
      ];

      for (const testCase of cases) {
        it(testCase.name, async () => {
          const k = key('exact');
          for (const step of testCase.setup ?? []) {
            const res = await raw(step.map((arg) => arg.replace(/^\$/, k)));
            expect(res.status).toBe(200);
          }
          const res = await raw(testCase.cmd(k));
          expect(res.body).toEqual(testCase.expected);
          expect(res.status).toBe('error' in (testCase.expected as object) ? 400 : 200);
        });
      }
    });
  });
}

describe('redis bridge in-memory specifics', () => {
  let bridge: RedisBridge;
  beforeAll(async () => {
    bridge = await createRedisBridge({ token: TOKEN });
  });
  afterAll(() => bridge.close());

  it('EVAL is not implemented and says so in Redis words', async () => {
    const res = await rawRequest(bridge.url, ['EVAL', 'return 1', '0']);
    expect(res).toEqual({ status: 400, body: { error: "ERR unknown command 'EVAL', with args beginning with: 'return 1' '0' " } });
  });

  it('DBSIZE and FLUSHDB see only live keys', async () => {
    const redis = new Redis({ url: bridge.url, token: TOKEN, enableTelemetry: false });
    await redis.flushdb();
    await redis.set('a', 1);
    await redis.set('b', 1, { px: 30 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await redis.dbsize()).toBe(1);
    expect(await redis.flushdb()).toBe('OK');
    expect(await redis.dbsize()).toBe(0);
  });

  it('each bridge has its own store', async () => {
    const other = await createRedisBridge({ token: TOKEN });
    try {
      await rawRequest(bridge.url, ['SET', 'isolated', 'here']);
      expect((await rawRequest(other.url, ['GET', 'isolated'])).body).toEqual({ result: null });
    } finally {
      await other.close();
    }
  });
});

describe('redis bridge when Redis is unreachable', () => {
  it('answers 503 with an error body and keeps serving', async () => {
    // Grab a free port and release it so nothing is listening there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const logs: string[] = [];
    const bridge = await createRedisBridge({
      redisUrl: `redis://127.0.0.1:${port}`,
      token: TOKEN,
      redisConnectWaitMs: 200,
      log: (message) => logs.push(message),
    });
    try {
      for (const [route, body] of [['', ['PING']], ['/pipeline', [['PING']]], ['/multi-exec', [['PING']]]] as const) {
        const res = await rawRequest(`${bridge.url}${route}`, body);
        expect(res.status).toBe(503);
        expect((res.body as { error: string }).error).toMatch(/^ERR Redis is unavailable/);
      }
      expect(logs.some((line) => line.includes('is unreachable'))).toBe(true);
    } finally {
      await bridge.close();
    }
  });
});

describe.skipIf(skipRealRedis)('redis bridge reconnects after a Redis outage', () => {
  it('answers 503 while the connection is cut and recovers by itself', async () => {
    const target = new URL(REAL_REDIS_URL);
    const sockets = new Set<Socket>();
    // A TCP proxy in front of the real Redis that we can cut and restore, standing in for Redis
    // going away and coming back on the same address.
    const listen = (port: number) =>
      new Promise<Server>((resolve, reject) => {
        const server = createServer((incoming) => {
          const upstream = connect(Number(target.port || 6379), target.hostname);
          sockets.add(incoming).add(upstream);
          incoming.pipe(upstream).pipe(incoming);
          const drop = () => {
            incoming.destroy();
            upstream.destroy();
          };
          incoming.on('error', drop).on('close', drop);
          upstream.on('error', drop).on('close', drop);
        });
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve(server));
      });
    const cut = (server: Server) =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        sockets.forEach((socket) => socket.destroy());
        sockets.clear();
      });
    const pingUntil = async (status: number) => {
      const deadline = Date.now() + 10_000;
      let last: RawResponse | undefined;
      while (Date.now() < deadline) {
        last = await rawRequest(bridge.url, ['PING']);
        if (last.status === status) return last;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return last;
    };

    let proxy = await listen(0);
    const port = (proxy.address() as AddressInfo).port;
    const proxied = new URL(REAL_REDIS_URL);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(port);
    const logs: string[] = [];
    const bridge = await createRedisBridge({ redisUrl: proxied.toString(), token: TOKEN, log: (line) => logs.push(line) });
    try {
      expect(await rawRequest(bridge.url, ['PING'])).toEqual({ status: 200, body: { result: 'PONG' } });
      await cut(proxy);
      expect((await pingUntil(503))?.status).toBe(503);
      proxy = await listen(port);
      expect(await pingUntil(200)).toEqual({ status: 200, body: { result: 'PONG' } });
      expect(logs.some((line) => line.includes('is unreachable'))).toBe(true);
    } finally {
      await bridge.close();
      await cut(proxy);
    }
  }, 30_000);
});

describe.skipIf(skipRealRedis)('redis bridge with blocking commands', () => {
  it('runs them on their own connection so other requests are not stalled', async () => {
    const bridge = await createRedisBridge({ redisUrl: REAL_REDIS_URL, token: TOKEN });
    try {
      const order: string[] = [];
      const blocked = rawRequest(bridge.url, ['BLPOP', `${RUN_ID}:never-filled`, '0.5']).then((res) => {
        order.push('BLPOP');
        return res;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const ping = rawRequest(bridge.url, ['PING']).then((res) => {
        order.push('PING');
        return res;
      });
      expect(await ping).toEqual({ status: 200, body: { result: 'PONG' } });
      expect(await blocked).toEqual({ status: 200, body: { result: null } });
      expect(order).toEqual(['PING', 'BLPOP']);
    } finally {
      await bridge.close();
    }
  });
});

describe('scripts/redis-bridge.ts', () => {
  it('prints its URL, serves, and exits cleanly on SIGTERM', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    // `node --import tsx` keeps it one process, so the signal reaches the script itself.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/redis-bridge.ts'], {
      cwd: root,
      env: { ...process.env, REDIS_URL: '', REDIS_BRIDGE_PORT: '0', REDIS_BRIDGE_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed within 20s:\n${output}`)), 20_000);
        const collect = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout.on('data', collect);
        child.stderr.on('data', collect);
        void exited.then((code) => reject(new Error(`exited early with ${code}:\n${output}`)));
      });
      expect(await rawRequest(url, ['PING'])).toEqual({ status: 200, body: { result: 'PONG' } });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
