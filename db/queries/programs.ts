import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { enrollments, programs, workspaces } from '../schema';
import type { RewardRule, ProgramScope } from '../../lib/validation/program';
import type { ApprovalMode } from '../../lib/domain/programs';

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
      approvedPartners: sql<number>`count(*) filter (where ${enrollments.status} = 'approved')`.mapWith(Number),
      pendingPartners: sql<number>`count(*) filter (where ${enrollments.status} = 'pending')`.mapWith(Number),
    })
    .from(programs)
    .leftJoin(enrollments, eq(enrollments.programId, programs.id))
    .where(eq(programs.workspaceId, workspaceId))
    .groupBy(programs.id)
    .orderBy(asc(programs.name));
  return rows;
}

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
      description: programs.description,
      category: programs.category,
      unit: programs.unit,
      rules: programs.rules,
      approvalMode: programs.approvalMode,
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
}

export async function insertProgram(db: Executor, workspaceId: string, input: NewProgram) {
  const [row] = await db
    .insert(programs)
    .values({ ...input, workspaceId })
    .returning({ id: programs.id, slug: programs.slug });
  return row;
}

export async function programSlugTaken(db: Executor, workspaceId: string, slug: string): Promise<boolean> {
  const [row] = await db
    .select({ id: programs.id })
    .from(programs)
    .where(and(eq(programs.workspaceId, workspaceId), eq(programs.slug, slug)));
  return Boolean(row);
}
