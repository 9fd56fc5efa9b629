/** @type {import('next').NextConfig} */
const nextConfig = {
  // pg, PGlite and node-redis are Node-only; keep them out of the server bundle so they load natively.
  serverExternalPackages: ['pg', '@electric-sql/pglite', '@electric-sql/pglite-socket', 'redis', 'nodemailer'],
  poweredByHeader: false,
};

export default nextConfig;
