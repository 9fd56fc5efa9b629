import { defineConfig } from 'drizzle-kit';

// Migrations are generated from db/schema and committed; `npm run db:migrate` applies them
// (scripts/migrate.ts), so drizzle-kit never needs a live database to generate.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
});
