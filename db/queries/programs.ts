import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../client';
import { enrollments, programs, workspaces } from '../schema';
import type { RewardRule, ProgramScope } from '../../lib/validation/program';
import type { ApprovalMode, ProgramStatus } from '../../lib/domain/programs';
import { insertProgramVersion } from './program-versions';

export interface ProgramRow {
  id: string;
  slug: string;
  name: string;
  category: string;
  unit: string;
  model: string;
  status: string;
  approvalMode: string;
  joinPageEnabled: boolean;
  version: number;
  rules: RewardRule[];
  approvedPartners: number;
  pendingPartners: number;
}

export async function listPrograms(db: Executor, workspaceId: string): Promise<ProgramRow[]> {
  const rows = await db
    .select({
      id: programs.id,
      slug: programs.slug,
      name: programs.name,
      category: programs.category,
      unit: programs.unit,
      model: programs.model,
      status: programs.status,
      approvalMode: programs.approvalMode,
      joinPageEnabled: programs.joinPageEnabled,
      version: programs.version,
      rules: programs.rules,
      approvedPartners: sql<number>`count(*) filter (where ${enrollments.status} = 'approved')`.mapWith(Number),
      pendingPartners: sql<number>`count(*) filter (where ${enrollments.status} = 'pending')`.mapWith(Number),
    })
    .from(programs)
    .leftJoin(enrollments, eq(enrollments.programId, programs.id))
    .where(eq(programs.workspaceId, workspaceId))
    .groupBy(programs.id)
    .orderBy(asc(programs.status), asc(programs.name));
  return rows;
}

/** A program with every term, for its console page; undefined when the id is not this workspace's. */
export async function findProgram(db: Executor, workspaceId: string, programId: string) {
  const [row] = await db
    .select()
    .from(programs)
    .where(and(eq(programs.workspaceId, workspaceId), eq(programs.id, programId)));
  return row;
}
export type ProgramDetail = NonNullable<Awaited<ReturnType<typeof findProgram>>>;

/** The program row locked for a change (FOR UPDATE), or undefined when it is not this workspace's. */
export async function lockProgram(db: Executor, workspaceId: string, programId: string) {
  const [row] = await db
    .select()
    .from(programs)
    .where(and(eq(programs.workspaceId, workspaceId), eq(programs.id, programId)))
    .for('update');
  return row;
}

export type ProgramTermsUpdate = Pick<
  typeof programs.$inferInsert,
  'name' | 'description' | 'terms' | 'category' | 'unit' | 'rules' | 'scope' | 'model' | 'windowDays' | 'couponPrecedence' | 'holdDays' | 'approvalMode' | 'joinPageEnabled'
>;

/**
 * Writes new terms as the next version, in the caller's transaction: the row's version goes up by
 * one and the full snapshot is recorded under it, so every version stays readable forever.
 */
export async function updateProgramTerms(db: Executor, workspaceId: string, programId: string, terms: ProgramTermsUpdate, changedBy: string | null) {
  const [row] = await db
    .update(programs)
    .set({ ...terms, version: sql`${programs.version} + 1` })
    .where(and(eq(programs.workspaceId, workspaceId), eq(programs.id, programId)))
    .returning();
  if (!row) return undefined;
  await insertProgramVersion(db, workspaceId, row, changedBy);
  return { id: row.id, version: row.version };
}

/** Archive or restore; the terms (and so the version) do not change. */
export async function setProgramStatus(db: Executor, workspaceId: string, programId: string, status: ProgramStatus) {
  const [row] = await db
    .update(programs)
    .set({ status })
    .where(and(eq(programs.workspaceId, workspaceId), eq(programs.id, programId)))
    .returning({ id: programs.id, status: programs.status });
  return row;
}

/**
 * A program's terms as partners read them (the join page, the portal's program cards): the
 * columns the terms' sentences (lib/format-terms.ts) are written from.
 */
export const partnerFacingTerms = {
  description: programs.description,
  category: programs.category,
  unit: programs.unit,
  rules: programs.rules,
  scope: programs.scope,
  model: programs.model,
  windowDays: programs.windowDays,
  couponPrecedence: programs.couponPrecedence,
  holdDays: programs.holdDays,
  terms: programs.terms,
  approvalMode: programs.approvalMode,
};

/** What the public join page may show: only active programs with the page switched on. */
export async function findJoinableProgram(db: Executor, workspaceSlug: string, programSlug: string) {
  const [row] = await db
    .select({
      workspaceId: workspaces.id,
      workspaceName: workspaces.name,
      workspaceSlug: workspaces.slug,
      programId: programs.id,
      programSlug: programs.slug,
      name: programs.name,
      ...partnerFacingTerms,
    })
    .from(programs)
    .innerJoin(workspaces, eq(workspaces.id, programs.workspaceId))
    .where(
      and(
        eq(workspaces.slug, workspaceSlug),
        eq(programs.slug, programSlug),
        eq(programs.status, 'active'),
        eq(programs.joinPageEnabled, true),
      ),
    );
  return row;
}

export interface NewProgram {
  slug: string;
  name: string;
  description?: string;
  category: (typeof programs.$inferInsert)['category'];
  unit: string;
  rules: RewardRule[];
  scope?: ProgramScope;
  model?: (typeof programs.$inferInsert)['model'];
  windowDays?: number;
  couponPrecedence?: 'override' | 'touch';
  holdDays?: number;
  approvalMode?: ApprovalMode;
  joinPageEnabled?: boolean;
  terms?: string;
}

/**
 * Creates a program and records its terms as version 1 (in a savepoint when given a transaction),
 * so every program, however it was created (console, seed, scenario, test), has its first version.
 */
export async function insertProgram(db: Executor, workspaceId: string, input: NewProgram, createdBy: string | null = null) {
  return db.transaction(async (tx) => {
    const row = await insertProgramInTransaction(tx, workspaceId, input, createdBy);
    return { id: row.id, slug: row.slug };
  });
}

/**
 * The same inside the caller's own transaction, without a savepoint: the console's creation writes
 * its audit row in that transaction, and a savepoint would stamp the program with another xid.
 */
export async function insertProgramInTransaction(tx: Transaction, workspaceId: string, input: NewProgram, createdBy: string | null) {
  const [row] = await tx
    .insert(programs)
    .values({ ...input, workspaceId, version: 1 })
    .returning();
  await insertProgramVersion(tx, workspaceId, row, createdBy);
  return row;
}

export async function programSlugTaken(db: Executor, workspaceId: string, slug: string): Promise<boolean> {
  const [row] = await db
    .select({ id: programs.id })
    .from(programs)
    .where(and(eq(programs.workspaceId, workspaceId), eq(programs.slug, slug)));
  return Boolean(row);
}
