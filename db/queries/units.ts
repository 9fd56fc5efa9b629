import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { units } from '../schema';

export async function listUnits(db: Executor, workspaceId: string) {
  return db
    .select({ key: units.key, label: units.label, precision: units.precision, baseValue: units.baseValue })
    .from(units)
    .where(eq(units.workspaceId, workspaceId))
    .orderBy(asc(units.key));
}

export async function listUnitKeys(db: Executor, workspaceId: string): Promise<string[]> {
  return (await listUnits(db, workspaceId)).map((u) => u.key);
}
