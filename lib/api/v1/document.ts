import { buildOpenApiDocument } from '../openapi';
import { API_ENDPOINTS, EXTERNAL_ENDPOINTS } from '.';

// The served document as JSON text, built once per origin and process: it depends only on the code
// and the origin it names as its server, and building it walks every schema (about half a second).
// /api/v1/openapi.json sends it and the reference page reads it back, so both show the same thing.
const built = new Map<string, string>();

export function openApiDocumentJson(origin: string): string {
  let json = built.get(origin);
  if (!json) {
    json = JSON.stringify(buildOpenApiDocument(API_ENDPOINTS, EXTERNAL_ENDPOINTS, origin));
    // a handful of origins at most (APP_URL, or the hosts a deployment answers on); never unbounded
    if (built.size > 20) built.clear();
    built.set(origin, json);
  }
  return json;
}
