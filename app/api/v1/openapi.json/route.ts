import { openApiDocumentJson } from '@/lib/api/v1/document';
import { appOrigin } from '@/lib/server/app-origin';

export const runtime = 'nodejs';

/** The OpenAPI 3.1 document of /api/v1, public like any API reference (it holds no workspace data). */
export async function GET(): Promise<Response> {
  return new Response(openApiDocumentJson(await appOrigin()), { headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' } });
}
