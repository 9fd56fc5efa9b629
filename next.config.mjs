// Headers every response carries, pages, API routes, /t.js and the /r/<code> redirect alike
// (Next applies them to middleware answers too, so the redirect does no header work itself).
// Pages get their Content-Security-Policy, with a per-request nonce, from middleware.ts
// (lib/http/security-headers.ts); everything else gets LOCKED_DOWN_CSP here.
const production = process.env.NODE_ENV === 'production';

const EVERY_RESPONSE = [
  // two years, subdomains too; browsers ignore it over plain http (local runs, the e2e server)
  ...(production ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
];

// API answers are JSON, /t.js is a script other origins load (a CSP on it is ignored there, and no
// Cross-Origin-Resource-Policy is set so storefronts keep loading it), and /r/<code> is a redirect
// or the self-contained "link not available" page, whose only inline code is its <style>.
const LOCKED_DOWN_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const NOT_PAGES = ['/api/:path*', '/r/:path*', '/r-noop/:path*', '/t.js'];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // pg, PGlite and node-redis are Node-only; keep them out of the server bundle so they load natively.
  serverExternalPackages: ['pg', '@electric-sql/pglite', '@electric-sql/pglite-socket', 'redis', 'nodemailer'],
  poweredByHeader: false,
  // the dev script calls the job routes every few seconds; keep them out of the request log
  logging: { incomingRequests: { ignore: [/^\/api\/jobs\//] } },
  async headers() {
    return [
      { source: '/:path*', headers: EVERY_RESPONSE },
      ...NOT_PAGES.map((source) => ({ source, headers: [{ key: 'Content-Security-Policy', value: LOCKED_DOWN_CSP }] })),
    ];
  },
};

export default nextConfig;
