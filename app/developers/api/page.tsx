import type { Metadata } from 'next';
import { openApiDocumentJson } from '@/lib/api/v1/document';
import { apiRateLimitPerMinute } from '@/lib/api/rate-limit';
import { IDEMPOTENCY_TTL_HOURS } from '@/lib/domain/api-keys';
import { appOrigin } from '@/lib/server/app-origin';
import { ApiReference } from '@/components/api-reference/api-reference';
import type { OpenApiDocument } from '@/components/api-reference/openapi-types';
import { referenceOf } from '@/components/api-reference/reference';

export const metadata: Metadata = { title: 'API reference', description: 'The PartnerLedger REST API: authentication, pagination, errors, idempotency, rate limits and every operation.' };

/**
 * The public API reference, rendered on the server from the very document /api/v1/openapi.json
 * serves (the same JSON text, built once per origin), read back, so the page can only
 * show what integrators' tools read. No sign-in: it holds no workspace data.
 */
export default async function ApiReferencePage() {
  const doc = JSON.parse(openApiDocumentJson(await appOrigin())) as OpenApiDocument;
  return <ApiReference reference={referenceOf(doc)} perMinute={apiRateLimitPerMinute()} idempotencyHours={IDEMPOTENCY_TTL_HOURS} />;
}
