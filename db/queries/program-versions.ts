import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { programs, programVersions, users } from '../schema';
import type { ProgramTermsSnapshot } from '../../lib/validation/program';

type ProgramRow = typeof programs.$inferSelect;

/** Every term of a program row that decides or explains a reward, as a version records it. */
export function termsSnapshotOf(p: ProgramRow): ProgramTermsSnapshot {
  return {
    name: p.name,
    description: p.description,
    terms: p.terms,
    category: p.category,
    unit: p.unit,
    rules: p.rules,
    scope: p.scope,
    model: p.model,
    windowDays: p.windowDays,
    couponPrecedence: p.couponPrecedence,
    holdDays: p.holdDays,
    approvalMode: p.approvalMode,
    joinPageEnabled: p.joinPageEnabled,
  };
}

/** Records the row's current terms as its `version`; the unique (program, version) index refuses a second writer. */
export async function insertProgramVersion(db: Executor, workspaceId: string, row: ProgramRow, createdBy: string | null) {
  await db.insert(programVersions).values({
    workspaceId,
    programId: row.id,
    version: row.version,
    terms: termsSnapshotOf(row),
    createdBy,
  });
}

export interface ProgramVersionRow {
  version: number;
  terms: ProgramTermsSnapshot;
  createdAt: Date;
  createdByEmail: string | null;
}

/** A program's versions, newest first, with who made each change. */
export async function listProgramVersions(db: Executor, workspaceId: string, programId: string, limit = 50): Promise<ProgramVersionRow[]> {
  return db
    .select({ version: programVersions.version, terms: programVersions.terms, createdAt: programVersions.createdAt, createdByEmail: users.email })
    .from(programVersions)
    .leftJoin(users, eq(users.id, programVersions.createdBy))
    .where(and(eq(programVersions.workspaceId, workspaceId), eq(programVersions.programId, programId)))
    .orderBy(desc(programVersions.version))
    .limit(limit);
}

/** One version of a program's terms (what an entry computed with it was paid by). */
export async function findProgramVersion(db: Executor, workspaceId: string, programId: string, version: number): Promise<ProgramVersionRow | undefined> {
  const [row] = await db
    .select({ version: programVersions.version, terms: programVersions.terms, createdAt: programVersions.createdAt, createdByEmail: users.email })
    .from(programVersions)
    .leftJoin(users, eq(users.id, programVersions.createdBy))
    .where(and(eq(programVersions.workspaceId, workspaceId), eq(programVersions.programId, programId), eq(programVersions.version, version)));
  return row;
}

/**
 * Ingestion's view of the programs' versions. `FOR SHARE` holds every program row of the workspace
 * until the event's transaction ends, so a concurrent edit (an UPDATE of the row) waits: the terms
 * the engine reads afterwards and the version recorded in the entries are the same ones.
 */
export async function lockProgramVersions(db: Executor, workspaceId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: programs.id, version: programs.version })
    .from(programs)
    .where(eq(programs.workspaceId, workspaceId))
    .orderBy(programs.id)
    .for('share');
  return new Map(rows.map((r) => [r.id, r.version]));
}
