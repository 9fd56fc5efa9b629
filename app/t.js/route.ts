import { STOREFRONT_SNIPPET } from '@/lib/tracking/storefront-snippet';

// Static bytes: built once and cached by browsers and CDNs for an hour (a fix reaches every
// storefront within that), revalidated in the background for a day after.
export const dynamic = 'force-static';

export function GET(): Response {
  return new Response(STOREFRONT_SNIPPET, {
    headers: {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600, stale-while-revalidate=86400',
      'x-content-type-options': 'nosniff',
      // lets merchants load it with crossorigin/SRI without a CORS error
      'access-control-allow-origin': '*',
    },
  });
}
