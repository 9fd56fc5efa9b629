import { buildOpenApiDocument } from '@/lib/api/openapi';
import { API_ENDPOINTS, EXTERNAL_ENDPOINTS } from '@/lib/api/v1';
import { appOrigin } from '@/lib/server/app-origin';

export const runtime = 'nodejs';

/** The OpenAPI 3.1 document of /api/v1, public like any API reference (it holds no workspace data). */
export async function GET(): Promise<Response> {
  const doc = buildOpenApiDocument(API_ENDPOINTS, EXTERNAL_ENDPOINTS, await appOrigin());
  return Response.json(doc, { headers: { 'cache-control': 'public, max-age=300' } });
}
