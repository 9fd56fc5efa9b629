import 'server-only';
import type { Database, Executor } from '../../db/client';
import { insertProgramInTransaction, lockProgram, programSlugTaken, setProgramStatus, updateProgramTerms } from '../../db/queries/programs';
import { termsSnapshotOf } from '../../db/queries/program-versions';
import { loadWorkspaceConfig } from '../../db/queries/reward-state';
import { recordAudit } from '../../db/queries/audit';
import { Decimal, fxRateAt, resolveUnit, type UnitInfo } from '../engine';
import { isCurrencyCode } from '../engine/units';
import { AppError } from '../errors';
import { slugify } from './slug';
import { ruleFromForm, type ProgramForm, type ProgramTermsForm, type RewardRule } from '../validation/program';
import type { ProgramStatus } from '../domain/programs';
import type { MerchantScope } from './scope';
import { auditJson, sameSnapshot } from './audit-json';

/**
 * The reward unit a program may pay in: one of the workspace's custom units, or a currency with an
 * FX rate in force now (an active program in a currency without a rate would make every order of
 * the workspace refuse with fx_rate_missing, SPEC §4.5). Typed lower-case currency codes are
 * accepted as their upper-case code.
 */
export async function resolveProgramUnit(db: Executor, workspaceId: string, typed: string, now = new Date()): Promise<UnitInfo> {
  const config = await loadWorkspaceConfig(db, workspaceId);
  const key = config.units.some((u) => u.key === typed) ? typed : typed.toUpperCase();
  if (!config.units.some((u) => u.key === key) && !isCurrencyCode(key)) {
    throw new AppError('invalid_input', 'Unknown reward unit.', { unit: 'must be a currency code or one of your custom units' });
  }
  if (isCurrencyCode(key) && !config.units.some((u) => u.key === key) && !fxRateAt(config, key, now)) {
    throw new AppError('invalid_input', `There is no FX rate for ${key} yet.`, {
      unit: `add an FX rate for ${key} to ${config.baseCurrency} in Settings first: without one, orders could not be valued`,
    });
  }
  return resolveUnit(key, config.units);
}

/** A stored program unit's precision (no checks: the unit was accepted when it was set). */
export async function programUnitInfo(db: Executor, workspaceId: string, key: string): Promise<UnitInfo> {
  return resolveUnit(key, (await loadWorkspaceConfig(db, workspaceId)).units);
}

/** Fixed amounts must fit the unit (no cents of JPY, at most a custom unit's own decimals). */
export function checkRuleAmounts(rules: readonly RewardRule[], unit: UnitInfo, fieldOf: (index: number) => string = (i) => `rules.${i}.amount`) {
  const fields: Record<string, string> = {};
  rules.forEach((rule, i) => {
    if (!('amount' in rule)) return;
    if (new Decimal(rule.amount).decimalPlaces() > unit.precision) {
      fields[fieldOf(i)] = unit.precision === 0 ? `${unit.key} amounts are whole numbers` : `${unit.key} allows at most ${unit.precision} decimals`;
    }
  });
  if (Object.keys(fields).length) throw new AppError('invalid_input', 'An amount has more decimals than its unit allows.', fields);
}

/** Creates a program (its terms become version 1); its unit must be a currency code or one of the workspace's custom units. */
export async function createProgram(db: Database, scope: MerchantScope, form: ProgramForm) {
  return db.transaction(async (tx) => {
    const unit = await resolveProgramUnit(tx, scope.workspaceId, form.unit);
    const rules = [ruleFromForm(form)];
    checkRuleAmounts(rules, unit, () => 'ruleValue');
    // readable join URLs: "partners", then "partners-2", ...
    const base = slugify(form.name);
    let slug = base;
    for (let i = 2; await programSlugTaken(tx, scope.workspaceId, slug); i++) slug = `${base}-${i}`;
    const program = await insertProgramInTransaction(
      tx,
      scope.workspaceId,
      {
        slug,
        name: form.name,
        description: form.description,
        category: form.category,
        unit: unit.key,
        rules,
        model: form.model,
        windowDays: form.windowDays,
        holdDays: form.holdDays,
        couponPrecedence: form.couponPrecedence,
        approvalMode: form.approvalMode,
      },
      scope.userId,
    );
    await recordAudit(tx, {
      workspaceId: scope.workspaceId, actorUserId: scope.userId, action: 'program.created', subjectType: 'program', subjectId: program.id,
      after: auditJson({ ...termsSnapshotOf(program), version: program.version, status: program.status }), data: { name: program.name },
    });
    return { id: program.id, slug: program.slug };
  });
}

/**
 * Changes a program's terms. One transaction writes the row and its next version; events received
 * after the commit are computed with the new terms (ingestion reads the current row), entries
 * already written keep the version they name. A form opened on an older version is refused, so
 * two people editing at once cannot silently undo each other's change.
 */
export async function changeProgramTerms(db: Database, scope: MerchantScope, input: ProgramTermsForm) {
  return db.transaction(async (tx) => {
    const current = await lockProgram(tx, scope.workspaceId, input.programId);
    if (!current) throw new AppError('not_found', 'Program not found.');
    if (current.version !== input.baseVersion) {
      throw new AppError('conflict', `Someone saved version ${current.version} of these terms after you opened them; reload the page to see it, then make your change again.`);
    }
    const unit = await resolveProgramUnit(tx, scope.workspaceId, input.unit);
    checkRuleAmounts(input.rules, unit);
    const terms = {
      name: input.name,
      description: input.description,
      terms: input.terms,
      category: input.category,
      unit: unit.key,
      rules: input.rules,
      scope: input.scope,
      model: input.model,
      windowDays: input.windowDays,
      couponPrecedence: input.couponPrecedence,
      holdDays: input.holdDays,
      approvalMode: input.approvalMode,
      joinPageEnabled: input.joinPageEnabled,
    };
    const before = termsSnapshotOf(current);
    if (sameSnapshot(before, terms)) return { changed: false as const, version: current.version };
    const updated = await updateProgramTerms(tx, scope.workspaceId, input.programId, terms, scope.userId);
    await recordAudit(tx, {
      workspaceId: scope.workspaceId, actorUserId: scope.userId, action: 'program.updated', subjectType: 'program', subjectId: current.id,
      before: auditJson({ ...before, version: current.version }), after: auditJson({ ...terms, version: updated!.version }), data: { name: terms.name },
    });
    return { changed: true as const, version: updated!.version };
  });
}

/**
 * Archived programs neither attribute nor pay (the engine skips inactive programs), accept no new
 * partners and hide their join page; entries already written stay and are paid out as usual.
 * Restoring needs what creating needs: a unit that can still be valued.
 */
export async function changeProgramStatus(db: Database, scope: MerchantScope, programId: string, status: ProgramStatus) {
  return db.transaction(async (tx) => {
    const current = await lockProgram(tx, scope.workspaceId, programId);
    if (!current) throw new AppError('not_found', 'Program not found.');
    if (current.status === status) return { name: current.name, changed: false };
    if (status === 'active') await resolveProgramUnit(tx, scope.workspaceId, current.unit);
    await setProgramStatus(tx, scope.workspaceId, programId, status);
    await recordAudit(tx, {
      workspaceId: scope.workspaceId, actorUserId: scope.userId, action: status === 'archived' ? 'program.archived' : 'program.restored',
      subjectType: 'program', subjectId: programId, before: { status: current.status }, after: { status }, data: { name: current.name },
    });
    return { name: current.name, changed: true };
  });
}
