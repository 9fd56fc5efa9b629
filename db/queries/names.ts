import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client';
import { partners, programGroups, programs } from '../schema';

/**
 * Display names for the ids an explanation mentions, limited to the workspace's own records;
 * partners apart from programs and groups, so the partner portal can keep other partners anonymous.
 */
export async function namesForIds(db: Executor, workspaceId: string, ids: string[]) {
  const uuids = [...new Set(ids.filter((id) => /^[0-9a-f-]{36}$/.test(id)))];
  const partnerNames: Record<string, string> = {};
  const otherNames: Record<string, string> = {};
  if (uuids.length === 0) return { partnerNames, otherNames };
  for (const r of await db.select({ id: partners.id, name: partners.name }).from(partners).where(and(eq(partners.workspaceId, workspaceId), inArray(partners.id, uuids)))) partnerNames[r.id] = r.name;
  for (const r of await db.select({ id: programs.id, name: programs.name }).from(programs).where(and(eq(programs.workspaceId, workspaceId), inArray(programs.id, uuids)))) otherNames[r.id] = r.name;
  for (const r of await db.select({ id: programGroups.id, name: programGroups.name }).from(programGroups).where(and(eq(programGroups.workspaceId, workspaceId), inArray(programGroups.id, uuids)))) otherNames[r.id] = r.name;
  return { partnerNames, otherNames };
}

/** Every string in a JSON value that looks like an id. */
export function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return /^[0-9a-f-]{36}$/.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(idsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(idsIn);
  return [];
}
