import 'server-only';
import type { Database, Executor } from '../../../db/client';
import { lockCustomer, replaceBinding } from '../../../db/queries/customers';
import { partnerIsEnrolled } from '../../../db/queries/deals';
import { findManualBindingTargets, recordManualBinding } from '../../../db/queries/manual-bindings';
import { bindCustomerManually } from '../../engine';
import { AppError } from '../../errors';
import type { ManualBindingInput } from '../../validation/bindings';
import type { MerchantScope } from '../scope';

/** Replaces the binding, keeps the old one in the audit row, and repeats the reason in later rewards. */
async function bindInTransaction(
  tx: Executor,
  workspaceId: string,
  customer: { id: string; externalId: string },
  input: { programId: string; partnerId: string; at: Date; reason: string | null; actorUserId: string | null },
) {
  // who bound it is read back from the audit row (loadBindings), so it is stored once
  const binding = bindCustomerManually({ customerId: customer.externalId, programId: input.programId, partnerId: input.partnerId, at: input.at, reason: input.reason });
  const replaced = await replaceBinding(tx, workspaceId, customer.id, binding);
  await recordManualBinding(tx, workspaceId, {
    customerId: customer.id, customerExternalId: customer.externalId, programId: input.programId, partnerId: input.partnerId,
    actorUserId: input.actorUserId, at: input.at, reason: input.reason, replaced,
  });
}

/**
 * §4.3 manual attribution: the merchant binds a customer to a partner in a program with share 1,
 * replacing any earlier binding there. Kept in the audit log with who did it. Scripts (the demo,
 * scenarios, benchmarks) name the customer by its external id and may create it.
 */
export async function bindCustomerByHand(
  db: Database,
  workspaceId: string,
  input: { customerExternalId: string; programId: string; partnerId: string; at: Date; actorUserId?: string | null; reason?: string | null },
) {
  await db.transaction(async (tx) => {
    if (!(await partnerIsEnrolled(tx, workspaceId, input.partnerId, input.programId))) {
      throw new AppError('invalid_input', 'The partner is not enrolled in this program.', { partnerId: 'not enrolled in the program' });
    }
    const customer = await lockCustomer(tx, workspaceId, input.customerExternalId, null);
    await bindInTransaction(tx, workspaceId, customer, {
      programId: input.programId, partnerId: input.partnerId, at: input.at, reason: input.reason ?? null, actorUserId: input.actorUserId ?? null,
    });
  });
}

/**
 * The console's manual attribution: every id must be the workspace's own (another tenant's is "not
 * found"), and the partner must be approved in the program now, since a binding to a partner who
 * could not be paid would silently pay nobody.
 */
export async function bindCustomerFromConsole(db: Database, scope: MerchantScope, input: ManualBindingInput, at: Date) {
  await db.transaction(async (tx) => {
    const found = await findManualBindingTargets(tx, scope.workspaceId, input);
    if (!found.customer) throw new AppError('not_found', 'Customer not found.');
    if (!found.programFound) throw new AppError('not_found', 'Program not found.', { programId: 'not found' });
    if (!found.partnerFound) throw new AppError('not_found', 'Partner not found.', { partnerId: 'not found' });
    if (found.enrollmentStatus !== 'approved') {
      const why = found.enrollmentStatus ? `is ${found.enrollmentStatus} in this program, not approved` : 'is not enrolled in this program';
      throw new AppError('invalid_input', `The partner ${why}.`, { partnerId: why });
    }
    // the same row lock ingestion takes: an order of this customer waits for the new binding
    const customer = await lockCustomer(tx, scope.workspaceId, found.customer.externalId, null);
    await bindInTransaction(tx, scope.workspaceId, customer, {
      programId: input.programId, partnerId: input.partnerId, at, reason: input.reason, actorUserId: scope.userId,
    });
  });
}
