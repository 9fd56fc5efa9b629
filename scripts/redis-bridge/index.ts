/** Public surface of the Upstash-compatible Redis bridge (see server.ts for the protocol). */
export { createRedisBridge } from './server';
export type { RedisBridge, RedisBridgeOptions } from './server';
export { createMemoryBackend } from './memory-backend';
export { createRedisBackend } from './redis-backend';
export type { Backend, Outcome, Reply, TransactionResult } from './backend';
