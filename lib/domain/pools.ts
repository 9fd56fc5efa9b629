// Bonus pools: the period a pool is closed by and what it ranks partners on. The order is the
// Postgres enums': append, never reorder.

export const POOL_PERIODS = ['quarter', 'year'] as const;
export type PoolPeriodKind = (typeof POOL_PERIODS)[number];

export const POOL_METRICS = ['revenue', 'customers'] as const;
export type PoolMetric = (typeof POOL_METRICS)[number];
