/**
 * Runs the Upstash-compatible Redis bridge for local development and CI:
 *
 *   REDIS_URL=redis://127.0.0.1:6379 tsx scripts/redis-bridge.ts   # forward to a real Redis
 *   tsx scripts/redis-bridge.ts                                     # keep data in memory
 *
 * Then point the app at it: UPSTASH_REDIS_REST_URL=<printed url>, UPSTASH_REDIS_REST_TOKEN=<token>.
 * REDIS_BRIDGE_PORT (default 8079), REDIS_BRIDGE_HOST (default 127.0.0.1) and
 * REDIS_BRIDGE_TOKEN (default "local-dev-token") configure the listener.
 */
import { createRedisBridge } from './redis-bridge/server';

function envOrUndefined(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

async function main(): Promise<void> {
  const redisUrl = envOrUndefined('REDIS_URL');
  const token = envOrUndefined('REDIS_BRIDGE_TOKEN') ?? 'local-dev-token';
  const port = Number(envOrUndefined('REDIS_BRIDGE_PORT') ?? 8079);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`REDIS_BRIDGE_PORT must be a port number, got "${process.env.REDIS_BRIDGE_PORT}"`);
  const host = envOrUndefined('REDIS_BRIDGE_HOST') ?? '127.0.0.1';

  const bridge = await createRedisBridge({ redisUrl, token, port, host });
  const target = redisUrl ? `forwarding to ${redisUrl.replace(/\/\/[^@/]*@/, '//***@')}` : 'in-memory store, data is lost on exit';
  console.log(`redis-bridge listening on ${bridge.url} (${target})`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`redis-bridge: ${signal} received, shutting down`);
    bridge.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('redis-bridge: error while shutting down', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error('redis-bridge failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
