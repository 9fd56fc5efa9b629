import type { Metadata } from 'next';
import { buildOpenApiDocument } from '@/lib/api/openapi';
import { API_ENDPOINTS, EXTERNAL_ENDPOINTS } from '@/lib/api/v1';
import { apiRateLimitPerMinute } from '@/lib/api/rate-limit';
import { IDEMPOTENCY_TTL_HOURS } from '@/lib/domain/api-keys';
import { appOrigin } from '@/lib/server/app-origin';
import { ApiReference } from '@/components/api-reference/api-reference';
import type { OpenApiDocument } from '@/components/api-reference/openapi-types';
import { referenceOf } from '@/components/api-reference/reference';

export const metadata: Metadata = { title: 'API reference', description: 'The PartnerLedger REST API: authentication, pagination, errors, idempotency, rate limits and every operation.' };

/**
 * The public API reference, rendered on the server from the very document /api/v1/openapi.json
 * serves (same builder, same endpoint list, same origin), read back as JSON, so the page can only
 * show what integrators' tools read. No sign-in: it holds no workspace data.
 */
export default async function ApiReferencePage() {
  const served = buildOpenApiDocument(API_ENDPOINTS, EXTERNAL_ENDPOINTS, await appOrigin());
  const doc = JSON.parse(JSON.stringify(served)) as OpenApiDocument;
  return <ApiReference reference={referenceOf(doc)} perMinute={apiRateLimitPerMinute()} idempotencyHours={IDEMPOTENCY_TTL_HOURS} />;
}
