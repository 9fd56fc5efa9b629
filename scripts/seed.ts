// Seeds the demo workspace once (run with --conditions=react-server: it uses the app's db layer).
import { createDatabase } from '../db/client';
import { demoExists } from '../db/seed';
import { seedDemoWorkspace } from './seed/story';
import { requireEnv } from '../lib/env';

const { db, close } = createDatabase(requireEnv('DATABASE_URL'), { embedded: process.env.DATABASE_EMBEDDED === '1' });
try {
  if (await demoExists(db)) {
    console.log('demo workspace already seeded');
  } else {
    const now = process.env.SEED_NOW ? new Date(process.env.SEED_NOW) : new Date();
    const { events, clicks, entries } = await seedDemoWorkspace(db, now);
    console.log(`demo workspace seeded: ${events} events and ${clicks} clicks, fed through the reward services into ${entries} ledger entries`);
  }
} finally {
  await close();
}
