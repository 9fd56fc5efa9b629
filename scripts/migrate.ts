import { migrateDatabase } from '../db/migrate';
import { parseEnv } from '../lib/env';

const env = parseEnv(process.env);
if (!env.DATABASE_URL) {
  console.error('DATABASE_URL is not set. `npm run dev` migrates the embedded database by itself.');
  process.exit(1);
}
await migrateDatabase(env.DATABASE_URL);
console.log('migrations applied');
