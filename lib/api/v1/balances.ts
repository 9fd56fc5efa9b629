import type { Endpoint } from '../endpoint';

export const endpoints: Endpoint[] = [];
