import { inject } from 'vitest';

// Each test worker talks to the database and Redis bridge that the global setup started.
Object.assign(process.env, inject('testEnv'));
