/** @type {import('next').NextConfig} */
const nextConfig = {
  // pg, PGlite and node-redis are Node-only; keep them out of the server bundle so they load natively.
  serverExternalPackages: ['pg', '@electric-sql/pglite', '@electric-sql/pglite-socket', 'redis', 'nodemailer'],
  poweredByHeader: false,
  // the dev script calls the job routes every few seconds; keep them out of the request log
  logging: { incomingRequests: { ignore: [/^\/api\/jobs\//] } },
};

export default nextConfig;
