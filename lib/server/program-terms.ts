import 'server-only';
import type { Database } from '../../db/client';
import { findProgram, insertProgramInTransaction, programSlugTaken } from '../../db/queries/programs';
import { termsSnapshotOf } from '../../db/queries/program-versions';
import { recordAudit } from '../../db/queries/audit';
import { AppError } from '../errors';
import type { ProgramStatus } from '../domain/programs';
import type { ProgramTermsForm, ProgramTermsSnapshot } from '../validation/program';
import { changeProgramStatus, changeProgramTerms, checkRuleAmounts, resolveProgramUnit } from './programs';
import { auditJson, sameSnapshot } from './audit-json';
import type { MerchantScope } from './scope';
import { slugify } from './slug';

// Programs written with every term at once, as the REST API sends them. The console's createProgram
// takes its form's single starting rule; here the rules and the scope arrive with the program, so
// version 1 holds all of them (a create-then-edit would leave a version 1 that never applied).
// Updates merge the given terms over the stored ones and go through the console's own services.

/** Every term a program is created with (the program page's fields; `terms` is the join page's text). */
export type ProgramTerms = Omit<ProgramTermsSnapshot, 'scope'> & { scope: ProgramTermsForm['scope'] } & Pick<ProgramTermsForm, 'category' | 'model' | 'couponPrecedence' | 'approvalMode'>;

export async function createProgramWithTerms(db: Database, scope: MerchantScope, input: ProgramTerms) {
  return db.transaction(async (tx) => {
    const unit = await resolveProgramUnit(tx, scope.workspaceId, input.unit);
    checkRuleAmounts(input.rules, unit);
    // readable join URLs: "partners", then "partners-2", ...
    const base = slugify(input.name);
    let slug = base;
    for (let i = 2; await programSlugTaken(tx, scope.workspaceId, slug); i++) slug = `${base}-${i}`;
    const program = await insertProgramInTransaction(tx, scope.workspaceId, { ...input, slug, unit: unit.key }, scope.userId);
    await recordAudit(tx, {
      workspaceId: scope.workspaceId, actorUserId: scope.userId, action: 'program.created', subjectType: 'program', subjectId: program.id,
      after: auditJson({ ...termsSnapshotOf(program), version: program.version, status: program.status }), data: { name: program.name },
    });
    return { id: program.id };
  });
}

export interface ProgramChange {
  terms: Partial<ProgramTerms>;
  status?: ProgramStatus;
  /** the version the caller last read: refused with a conflict when the terms moved on since */
  expectedVersion?: number;
}

/**
 * Applies the given terms over the stored ones (a new version when something changed), then the
 * status. Terms go first: changeProgramTerms checks the unit can be valued, which is what restoring
 * checks too, so a request that passes the first step passes the second. A concurrent edit between
 * reading and locking is refused as a conflict by changeProgramTerms, never merged over.
 */
export async function changeProgram(db: Database, scope: MerchantScope, programId: string, change: ProgramChange) {
  const current = await findProgram(db, scope.workspaceId, programId);
  if (!current) throw new AppError('not_found', 'Program not found.');
  const baseVersion = change.expectedVersion ?? current.version;
  if (baseVersion !== current.version) throw staleVersion(baseVersion, current.version);
  const stored = termsSnapshotOf(current);
  // a scope written by the seed or a scenario keeps its stored shape unless this change gives one
  const merged = { ...stored, scope: stored.scope as ProgramTerms['scope'], category: current.category, model: current.model, couponPrecedence: current.couponPrecedence, approvalMode: current.approvalMode, ...change.terms };
  if (!sameSnapshot(stored, merged)) {
    try {
      await changeProgramTerms(db, scope, { programId, baseVersion, ...merged });
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') throw staleVersion(baseVersion, null);
      throw err;
    }
  }
  if (change.status) await changeProgramStatus(db, scope, programId, change.status);
}

function staleVersion(yours: number, current: number | null) {
  const now = current === null ? 'another change was saved meanwhile' : `they are at version ${current} now`;
  return new AppError('conflict', `These terms changed since version ${yours}: ${now}. Read the program again and send your change on top of it.`, { version: 'is not the current version' });
}
