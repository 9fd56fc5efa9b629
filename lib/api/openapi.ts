import { z } from 'zod';
import { createDocument } from 'zod-openapi';
import type { Endpoint, ExternalEndpoint } from './endpoint';
import { apiErrorSchema, ERROR_STATUSES } from './errors';

// The OpenAPI 3.1 document, built from the endpoint descriptions that `serve` runs: the same zod
// schemas validate the requests and render the document, so what it promises is what the code
// checks. Served at /api/v1/openapi.json and read by the reference page.

const errorContent = { 'application/json': { schema: apiErrorSchema } };

const idempotencyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .max(255)
    .optional()
    .meta({ description: 'Any unique string (a UUID). A repeat with the same key and body within 24 hours gets the first answer again, byte for byte; the same key with another body is a 409.' }),
});

function errorResponses(statuses: readonly (keyof typeof ERROR_STATUSES)[]) {
  return Object.fromEntries(statuses.map((s) => [String(s), { description: ERROR_STATUSES[s], content: errorContent }]));
}

function operation(e: Endpoint) {
  const writes = e.method === 'post';
  const statuses: (keyof typeof ERROR_STATUSES)[] = [400, 401, ...(writes || e.access === 'write' ? [403 as const] : []), 404, ...(writes ? [409 as const, 413 as const, 422 as const] : []), 429];
  return {
    operationId: e.operationId,
    summary: e.summary,
    ...(e.description ? { description: e.description } : {}),
    tags: [e.tag],
    ...(e.query || e.params || writes
      ? { requestParams: { ...(e.query ? { query: e.query } : {}), ...(e.params ? { path: e.params } : {}), ...(writes ? { header: idempotencyHeader } : {}) } }
      : {}),
    ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: e.body, ...(e.example !== undefined ? { example: e.example } : {}) } } } } : {}),
    responses: {
      [String(e.status ?? 200)]: { description: e.status === 201 ? 'Created.' : 'OK.', content: { 'application/json': { schema: e.response } } },
      ...errorResponses(statuses),
    },
    'x-access': e.access === 'write' || writes ? 'read_write' : 'read',
  };
}

function externalOperation(e: ExternalEndpoint) {
  return {
    operationId: e.operationId,
    summary: e.summary,
    description: e.description,
    tags: [e.tag],
    security: [],
    ...(e.headers ? { requestParams: { header: e.headers } } : {}),
    ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: e.body } } } } : {}),
    responses: {
      '200': { description: e.body ? 'Accepted.' : 'OK.', content: { 'application/json': { schema: e.response } } },
      ...(e.body ? errorResponses([400, 401, 404, 413, 429]) : {}),
    },
  };
}

export function buildOpenApiDocument(endpoints: readonly Endpoint[], external: readonly ExternalEndpoint[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) (paths[e.path] ??= {})[e.method] = operation(e);
  for (const e of external) (paths[e.path] ??= {})[e.method] = externalOperation(e);
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'PartnerLedger API',
      version: '1',
      description:
        'Automate your partner programs: programs, partners, enrollments, links, coupons, deals, customers, events, the ledger and payouts. ' +
        'Authenticate with a workspace API key (Settings → API) as `Authorization: Bearer <key>`. Amounts are decimal strings in the unit named beside them; times are ISO 8601 in UTC.',
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearerAuth: [] }],
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A workspace API key: pl_live_…' } } },
    // the paths are assembled from typed endpoint descriptions above; createDocument's own path
    // types cannot follow a loop, hence the cast
    paths: paths as never,
  });
}
