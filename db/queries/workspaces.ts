import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { members, users, workspaces } from '../schema';

export type { MemberRole } from '../../lib/domain/roles';
import type { MemberRole } from '../../lib/domain/roles';

export interface WorkspaceAccess {
  workspaceId: string;
  slug: string;
  name: string;
  baseCurrency: string;
  /** IANA zone the console shows dates in */
  timeZone: string;
  role: MemberRole;
}

const membershipColumns = {
  workspaceId: workspaces.id,
  slug: workspaces.slug,
  name: workspaces.name,
  baseCurrency: workspaces.baseCurrency,
  timeZone: workspaces.timeZone,
  role: members.role,
};

/** The caller's membership in a workspace by slug, or undefined: foreign and unknown look the same. */
export async function findMembership(db: Executor, userId: string, slug: string): Promise<WorkspaceAccess | undefined> {
  const [row] = await db
    .select(membershipColumns)
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(and(eq(members.userId, userId), eq(workspaces.slug, slug)));
  return row;
}

export async function listMemberships(db: Executor, userId: string): Promise<WorkspaceAccess[]> {
  return db
    .select(membershipColumns)
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(eq(members.userId, userId))
    .orderBy(asc(workspaces.name));
}

/** The workspace a URL or header names, with what the signed routes need per request (its limit). */
export async function findWorkspaceBySlug(db: Executor, slug: string) {
  const [row] = await db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, baseCurrency: workspaces.baseCurrency, eventsPerMinute: workspaces.eventsPerMinute })
    .from(workspaces)
    .where(eq(workspaces.slug, slug));
  return row;
}

export async function slugTaken(db: Executor, slug: string): Promise<boolean> {
  const [row] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, slug));
  return Boolean(row);
}

export async function insertWorkspace(
  db: Executor,
  input: { slug: string; name: string; baseCurrency: string; allowedDomains?: string[] },
) {
  const [row] = await db
    .insert(workspaces)
    .values({ slug: input.slug, name: input.name, baseCurrency: input.baseCurrency, allowedDomains: input.allowedDomains ?? [] })
    .returning({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name });
  return row;
}

export async function insertMember(db: Executor, workspaceId: string, userId: string, role: MemberRole) {
  await db.insert(members).values({ workspaceId, userId, role });
}

export async function listMembers(db: Executor, workspaceId: string) {
  return db
    .select({ email: users.email, name: users.name, role: members.role, since: members.createdAt })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(members.workspaceId, workspaceId))
    .orderBy(asc(users.email));
}

export async function setAllowedDomains(db: Executor, workspaceId: string, domains: string[]) {
  await db.update(workspaces).set({ allowedDomains: domains }).where(eq(workspaces.id, workspaceId));
}

export async function allowedDomainsOf(db: Executor, workspaceId: string): Promise<string[]> {
  const [row] = await db.select({ d: workspaces.allowedDomains }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row?.d ?? [];
}

/** Settings → API: how many signed events a minute the workspace accepts before answering 429. */
export async function setEventsPerMinute(db: Executor, workspaceId: string, perMinute: number) {
  await db.update(workspaces).set({ eventsPerMinute: perMinute }).where(eq(workspaces.id, workspaceId));
}

export async function eventsPerMinuteOf(db: Executor, workspaceId: string): Promise<number | undefined> {
  const [row] = await db.select({ n: workspaces.eventsPerMinute }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row?.n;
}

/** Settings → Workspace: the zone the console shows dates in, locked for a change (its audit row records the old one). */
export async function lockTimeZone(tx: Executor, workspaceId: string): Promise<string | undefined> {
  const [row] = await tx.select({ tz: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, workspaceId)).for('no key update');
  return row?.tz;
}

export async function setTimeZone(tx: Executor, workspaceId: string, timeZone: string): Promise<void> {
  await tx.update(workspaces).set({ timeZone }).where(eq(workspaces.id, workspaceId));
}

/** Whether partners see their customers' emails whole (else masked, j•••@acme.com): the portal's explanations read it. */
export async function showsCustomerEmailsToPartners(db: Executor, workspaceId: string): Promise<boolean> {
  const [row] = await db.select({ on: workspaces.showCustomerEmailsToPartners }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row?.on ?? false;
}

/** Settings → Partner portal: the same setting, locked for a change (its audit row records the old value). */
export async function lockCustomerEmailsSetting(tx: Executor, workspaceId: string): Promise<boolean | undefined> {
  const [row] = await tx.select({ on: workspaces.showCustomerEmailsToPartners }).from(workspaces).where(eq(workspaces.id, workspaceId)).for('no key update');
  return row?.on;
}

export async function setShowCustomerEmailsToPartners(tx: Executor, workspaceId: string, show: boolean): Promise<void> {
  await tx.update(workspaces).set({ showCustomerEmailsToPartners: show }).where(eq(workspaces.id, workspaceId));
}
