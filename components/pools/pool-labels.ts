import type { PoolMetric, PoolPeriodKind } from '@/lib/domain/pools';

// Pool settings in words, for the form (a client component) and the pages alike: a plain module,
// since values exported from a 'use client' file reach server components only as references.
// `satisfies Record<…>` stops the build when a domain list grows and these do not.

export const periodLabels = { quarter: 'Every quarter', year: 'Every year' } satisfies Record<PoolPeriodKind, string>;
export const metricLabels = { revenue: 'Credited revenue', customers: 'New customers' } satisfies Record<PoolMetric, string>;
