import 'server-only';
import type { Database } from '../../db/client';
import { insertProgram, programSlugTaken } from '../../db/queries/programs';
import { listUnitKeys } from '../../db/queries/units';
import { AppError } from '../errors';
import { slugify } from './slug';
import { ruleFromForm, type ProgramForm } from '../validation/program';
import type { MerchantScope } from './scope';

const ISO_CODE = /^[A-Z]{3}$/;

/** Creates a program; its unit must be a currency code or one of the workspace's custom units. */
export async function createProgram(db: Database, scope: MerchantScope, form: ProgramForm) {
  return db.transaction(async (tx) => {
    const unitKeys = await listUnitKeys(tx, scope.workspaceId);
    const unit = unitKeys.includes(form.unit) ? form.unit : form.unit.toUpperCase();
    if (!unitKeys.includes(unit) && !ISO_CODE.test(unit)) {
      throw new AppError('invalid_input', 'Unknown reward unit.', { unit: 'must be a currency code or one of your custom units' });
    }
    // readable join URLs: "partners", then "partners-2", ...
    const base = slugify(form.name);
    let slug = base;
    for (let i = 2; await programSlugTaken(tx, scope.workspaceId, slug); i++) slug = `${base}-${i}`;
    const created = await insertProgram(tx, scope.workspaceId, {
      slug,
      name: form.name,
      description: form.description,
      category: form.category,
      unit,
      rules: [ruleFromForm(form)],
      model: form.model,
      windowDays: form.windowDays,
      holdDays: form.holdDays,
      couponPrecedence: form.couponPrecedence,
      approvalMode: form.approvalMode,
    });
    return created;
  });
}
