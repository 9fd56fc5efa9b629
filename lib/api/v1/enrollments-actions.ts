import 'server-only';
import { z } from 'zod';
import type { EnrollmentStatus } from '../../domain/enrollments';
import { AppError } from '../../errors';
import { setEnrollmentTerms } from '../../server/enrollment-terms';
import { changeEnrollmentStatus } from '../../server/enrollments';
import { enrollmentDecisionSchema } from '../../validation/enrollments';
import { editableRulesSchema } from '../../validation/program';
import { defineEndpoint, type Endpoint } from '../endpoint';
import { enrollmentIdParams, enrollmentOr404, enrollmentSchema } from './enrollments-schema';

// The merchant's decisions on an enrollment and its special terms, through the console's own
// services: the same allowed transitions, reasons, audit rows, partner emails and webhooks.

const decisionBody = z
  .object({ reason: enrollmentDecisionSchema.shape.reason.meta({ description: 'Optional words the partner reads in the portal (at most 500 characters).' }) })
  .meta({ id: 'EnrollmentDecision' });

/**
 * changeEnrollmentStatus refuses a transition as invalid input naming `status`, the console's form
 * field. Over the API no input is wrong: the enrollment's current state forbids it, hence a 409
 * with the same sentence ("An enrollment that is rejected cannot become suspended.").
 */
function asConflict(err: unknown): never {
  if (err instanceof AppError && err.code === 'invalid_input' && err.fields?.status) throw new AppError('conflict', err.message);
  throw err;
}

/** `POST /enrollments/{id}/<verb>`: moves the enrollment to `status` through changeEnrollmentStatus. */
function decision(verb: string, status: EnrollmentStatus, summary: string, from: string) {
  return defineEndpoint({
    method: 'post',
    path: `/enrollments/{id}/${verb}`,
    operationId: `${verb}Enrollment`,
    summary,
    description: `${from} Already ${status}: nothing changes. Any other transition is a 409.`,
    tag: 'Enrollments',
    access: 'write',
    params: enrollmentIdParams,
    body: decisionBody,
    response: enrollmentSchema,
    example: verb === 'approve' ? {} : { reason: 'Your site does not match our brand guidelines.' },
    handle: async ({ caller, db, params, body, now }) => {
      await changeEnrollmentStatus(db, caller.scope, params.id, status, now, body.reason).catch(asConflict);
      return enrollmentOr404(db, caller.scope.workspaceId, params.id);
    },
  });
}

export const approveEnrollment = decision('approve', 'approved', 'Approve an enrollment', 'A pending or rejected enrollment is approved; a suspended one is reinstated.');
export const rejectEnrollment = decision('reject', 'rejected', 'Reject an enrollment', 'Only a pending enrollment can be rejected.');
export const suspendEnrollment = decision('suspend', 'suspended', 'Suspend an enrollment', 'Only an approved enrollment can be suspended; events from then on earn nothing.');

export const setEnrollmentTermsEndpoint = defineEndpoint({
  method: 'post',
  path: '/enrollments/{id}/terms',
  operationId: 'setEnrollmentTerms',
  summary: 'Set or clear special terms',
  description:
    'Rules of the partner’s own, in the same shape as a program’s rules, replace the program’s for this partner on events received from now on; ' +
    '`null` returns the partner to the program’s rules. Entries already written keep the rules they were computed with.',
  tag: 'Enrollments',
  access: 'write',
  params: enrollmentIdParams,
  body: z
    .object({ rules: editableRulesSchema.nullable().meta({ description: 'At least one rule, or null to follow the program.' }) })
    .meta({ id: 'EnrollmentTerms' }),
  response: enrollmentSchema,
  example: { rules: [{ type: 'recurring_share', percent: '25', durationMonths: 12 }] },
  handle: async ({ caller, db, params, body }) => {
    await setEnrollmentTerms(db, caller.scope, params.id, body.rules);
    return enrollmentOr404(db, caller.scope.workspaceId, params.id);
  },
});

export const enrollmentActionEndpoints: Endpoint[] = [approveEnrollment, rejectEnrollment, suspendEnrollment, setEnrollmentTermsEndpoint];
