import 'server-only';
import { z } from 'zod';
import { listApiEnrollments } from '../../../db/queries/api/enrollments';
import { enrollPartner } from '../../server/enrollment-admin';
import { enrollmentStatusSchema } from '../../validation/enums';
import { defineEndpoint, type Endpoint } from '../endpoint';
import { listOf, pageOf, pageQuery } from '../pagination';
import { enrollmentActionEndpoints } from './enrollments-actions';
import { enrollmentIdParams, enrollmentOr404, enrollmentSchema, renderEnrollment } from './enrollments-schema';

// Enrollments over the REST API: which partner is in which program and in what status. The merchant
// enrolls a partner directly (approved, or pending to decide later), reads them, and decides and
// sets special terms through the actions in enrollments-actions.ts.

export const listEnrollments = defineEndpoint({
  method: 'get',
  path: '/enrollments',
  operationId: 'listEnrollments',
  summary: 'List enrollments',
  description: 'Newest first; filters combine. An id of another workspace in a filter matches nothing.',
  tag: 'Enrollments',
  access: 'read',
  query: z.object({
    ...pageQuery,
    partner_id: z.uuid().optional().meta({ description: 'Only this partner’s enrollments.' }),
    program_id: z.uuid().optional().meta({ description: 'Only this program’s enrollments.' }),
    status: enrollmentStatusSchema.optional().meta({ description: 'Only enrollments in this status (`pending` lists the applications to decide).' }),
  }),
  response: listOf(enrollmentSchema, 'EnrollmentList'),
  handle: async ({ caller, db, query }) => {
    const rows = await listApiEnrollments(db, caller.scope.workspaceId, {
      limit: query.limit, startingAfter: query.starting_after, partnerId: query.partner_id, programId: query.program_id, status: query.status,
    });
    return pageOf(rows, query.limit, renderEnrollment);
  },
});

export const getEnrollment = defineEndpoint({
  method: 'get',
  path: '/enrollments/{id}',
  operationId: 'getEnrollment',
  summary: 'Get an enrollment',
  tag: 'Enrollments',
  access: 'read',
  params: enrollmentIdParams,
  response: enrollmentSchema,
  handle: async ({ caller, db, params }) => enrollmentOr404(db, caller.scope.workspaceId, params.id),
});

export const createEnrollment = defineEndpoint({
  method: 'post',
  path: '/enrollments',
  operationId: 'createEnrollment',
  summary: 'Enroll a partner in a program',
  description:
    'The merchant enrolls one of its partners directly, without an application: `approved` (the default) or `pending` to decide later. ' +
    'Queues the `partner.enrolled` webhook. A partner or program of another workspace is a 404 naming the field; an archived program, ' +
    'or a partner already enrolled in the program (whatever the status), is a 409.',
  tag: 'Enrollments',
  access: 'write',
  body: z
    .object({
      partner_id: z.uuid().meta({ description: 'The partner to enroll.' }),
      program_id: z.uuid().meta({ description: 'An active program of the workspace.' }),
      status: z.enum(['approved', 'pending']).default('approved').meta({ description: 'Approved at once, or pending until approved or rejected.' }),
    })
    .meta({ id: 'EnrollmentCreate' }),
  response: enrollmentSchema,
  status: 201,
  example: { partner_id: '0b7c2f9e-6a43-4d59-9a0e-3f1f1c2d4b5a', program_id: '5d1e8a34-2c7b-4f0e-8b6a-9c3d2e1f0a7b', status: 'approved' },
  handle: async ({ caller, db, body, now }) => {
    const { id } = await enrollPartner(db, caller.scope, { partnerId: body.partner_id, programId: body.program_id, status: body.status }, now);
    return enrollmentOr404(db, caller.scope.workspaceId, id);
  },
});

export const endpoints: Endpoint[] = [listEnrollments, getEnrollment, createEnrollment, ...enrollmentActionEndpoints];
