import type { Endpoint, ExternalEndpoint } from '../endpoint';
import { endpoints as programs } from './programs';
import { endpoints as partners } from './partners';
import { endpoints as enrollments } from './enrollments';
import { endpoints as links } from './links';
import { endpoints as coupons } from './coupons';
import { endpoints as deals } from './deals';
import { endpoints as customers } from './customers';
import { endpoints as events } from './events';
import { endpoints as ledger } from './ledger';
import { endpoints as payouts } from './payouts';
import { endpoints as balances } from './balances';
import { externalEndpoints } from './external';

// Every endpoint of /api/v1, in the document's order. A route file serves endpoints from these
// modules; the OpenAPI test checks that every route file's path is here and every path here answers.
export const API_ENDPOINTS: readonly Endpoint[] = [
  ...programs, ...partners, ...enrollments, ...links, ...coupons, ...deals, ...customers, ...events, ...ledger, ...payouts, ...balances,
];

export const EXTERNAL_ENDPOINTS: readonly ExternalEndpoint[] = externalEndpoints;
