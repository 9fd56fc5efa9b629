import { z } from 'zod';
import { apiLinkOwner, apiLinkTraffic, findApiLink, listApiLinks, programExists, type ApiLinkRow } from '../../../db/queries/api/links';
import { env } from '../../env';
import { AppError } from '../../errors';
import { withApiFieldNames } from '../field-names';
import { destinationIsAllowed } from '../../server/link-destinations';
import { trackedLinkUrl } from '../../server/link-qr';
import { createLink as createTrackedLink, setLinkDisabled, SUB_ID_RULE } from '../../server/links';
import { defineEndpoint, type Endpoint } from '../endpoint';
import { listOf, pageOf, pageQuery } from '../pagination';
import { idParams } from './fields';

// Tracked links over the REST API. Creating and switching a link off or on go through the same
// service as the portal (lib/server/links.ts): the enrollment must be approved in an active
// program, the destination on the workspace's allowed hosts, and the tracker's cache is rewritten
// by the service right after the change, exactly as for a partner's own link.

const TAG = 'Links';
const ID = idParams('The link’s id.');

/** `true` / `false` in a query string (anything else is a 400 naming the parameter). */
export const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const linkSchema = z
  .object({
    id: z.string().meta({ description: 'The link’s id.' }),
    object: z.literal('link'),
    code: z.string().meta({ description: 'The code in the tracked URL; unique across every workspace.', example: 'ana-7hx2k' }),
    url: z.string().meta({ description: 'The tracked URL the partner shares: it counts the click and redirects to `destination_url`.', example: 'https://app.partnerledger.test/r/ana-7hx2k' }),
    destination_url: z.string().meta({ description: 'Where visitors land.', example: 'https://shop.example.com/spring' }),
    destination_allowed: z.boolean().meta({ description: 'Whether the destination is on the workspace’s allowed hosts now; when not, the link shows “link not available”.' }),
    sub_id: z.string().nullable().meta({ description: 'The partner’s campaign label; stats group by it.', example: 'newsletter' }),
    partner_id: z.string(),
    program_id: z.string(),
    disabled: z.boolean().meta({ description: 'A disabled link redirects nobody and counts no click.' }),
    created_at: z.string().meta({ description: 'When the link was made (ISO 8601, UTC).', example: '2026-01-05T10:00:00.000Z' }),
  })
  .meta({ id: 'Link' });

const linkDetailSchema = linkSchema
  .extend({
    clicks: z.number().int().meta({ description: 'Human clicks on the link, repeats included (bots left out).', example: 42 }),
    visitors: z.number().int().meta({ description: 'Distinct visitors among those clicks.', example: 30 }),
  })
  .meta({ id: 'LinkDetail' });

/** Where the tracked URLs live: APP_URL when set, else the origin this request reached (behind a proxy, its forwarded host). */
function publicOrigin(request: Request): string {
  const configured = env().APP_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const url = new URL(request.url);
  const host = request.headers.get('x-forwarded-host') ?? url.host;
  const proto = request.headers.get('x-forwarded-proto') ?? url.protocol.replace(/:$/, '');
  return `${proto}://${host}`;
}

function linkObject(row: ApiLinkRow, origin: string): z.input<typeof linkSchema> {
  return {
    id: row.id,
    object: 'link',
    code: row.code,
    url: trackedLinkUrl(origin, row.code),
    destination_url: row.destinationUrl,
    destination_allowed: destinationIsAllowed(row.destinationUrl, row.allowedDomains),
    sub_id: row.subId,
    partner_id: row.partnerId,
    program_id: row.programId,
    disabled: row.disabled,
    created_at: row.createdAt.toISOString(),
  };
}

async function linkDetail(db: Parameters<typeof findApiLink>[0], workspaceId: string, linkId: string, origin: string): Promise<z.input<typeof linkDetailSchema>> {
  const row = await findApiLink(db, workspaceId, linkId);
  if (!row) throw new AppError('not_found', 'No such link.');
  return { ...linkObject(row, origin), ...(await apiLinkTraffic(db, workspaceId, row)) };
}

export const listLinks = defineEndpoint({
  method: 'get',
  path: '/links',
  operationId: 'listLinks',
  summary: 'List links',
  description: 'The workspace’s tracked links, newest first.',
  tag: TAG,
  access: 'read',
  query: z.object({
    ...pageQuery,
    partner_id: z.uuid().optional().meta({ description: 'Only this partner’s links.' }),
    program_id: z.uuid().optional().meta({ description: 'Only links in this program.' }),
    disabled: booleanParam.optional().meta({ description: '`true` for disabled links only, `false` for live ones only.' }),
  }),
  response: listOf(linkSchema, 'LinkList'),
  handle: async ({ caller, db, query, request }) => {
    const rows = await listApiLinks(db, caller.scope.workspaceId, {
      partnerId: query.partner_id, programId: query.program_id, disabled: query.disabled, limit: query.limit, startingAfter: query.starting_after,
    });
    const origin = publicOrigin(request);
    return pageOf(rows, query.limit, (r) => linkObject(r, origin));
  },
});

export const getLink = defineEndpoint({
  method: 'get',
  path: '/links/{id}',
  operationId: 'getLink',
  summary: 'Get a link',
  description: 'One link with its human clicks and distinct visitors.',
  tag: TAG,
  access: 'read',
  params: ID,
  response: linkDetailSchema,
  handle: ({ caller, db, params, request }) => linkDetail(db, caller.scope.workspaceId, params.id, publicOrigin(request)),
});

const createLinkBody = z.object({
  partner_id: z.uuid().meta({ description: 'The partner the link credits.' }),
  program_id: z
    .uuid()
    .optional()
    .meta({ description: 'The program it credits in; may be left out when the partner is approved in exactly one active program.' }),
  destination_url: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(2048, 'must be at most 2048 characters')
    .meta({ description: 'An https URL on one of the workspace’s allowed hosts (Settings → Tracking).', example: 'https://shop.example.com/spring' }),
  sub_id: z.string().optional().meta({ description: `A campaign label: ${SUB_ID_RULE}.`, example: 'newsletter' }),
  code: z.string().optional().meta({ description: 'The code in the tracked URL: 3–64 letters, digits and inner dashes, lower-cased. Generated from the partner’s name when left out.', example: 'ana-spring' }),
});

/**
 * The program a new link credits in: the one named, which the partner must be approved in while
 * it is active, or, when none is named, the partner's only such program.
 */
async function programOfNewLink(db: Parameters<typeof apiLinkOwner>[0], workspaceId: string, body: z.output<typeof createLinkBody>): Promise<string> {
  const owner = await apiLinkOwner(db, workspaceId, body.partner_id);
  if (!owner) throw new AppError('not_found', 'Partner not found.', { partner_id: 'not found' });
  const usable = owner.enrollments.filter((e) => e.status === 'approved' && e.programStatus === 'active');
  if (body.program_id === undefined) {
    if (usable.length === 1) return usable[0]!.programId;
    const why = usable.length === 0 ? 'the partner is not approved in any active program' : `is required: the partner is approved in ${usable.length} active programs`;
    throw new AppError('invalid_input', `program_id: ${why}.`, { program_id: why });
  }
  if (!(await programExists(db, workspaceId, body.program_id))) throw new AppError('not_found', 'Program not found.', { program_id: 'not found' });
  if (!usable.some((e) => e.programId === body.program_id)) {
    const enrolled = owner.enrollments.some((e) => e.programId === body.program_id);
    const why = enrolled ? 'the partner is not approved in this program, or it is archived' : 'the partner is not enrolled in this program';
    throw new AppError('invalid_input', `program_id: ${why}.`, { program_id: why });
  }
  return body.program_id;
}

export const createLink = defineEndpoint({
  method: 'post',
  path: '/links',
  operationId: 'createLink',
  summary: 'Create a link',
  description:
    'A tracked link for a partner approved in an active program. The destination must be on the workspace’s allowed hosts; a chosen code that is taken is a 409.',
  tag: TAG,
  access: 'write',
  body: createLinkBody,
  response: linkDetailSchema,
  status: 201,
  example: { partner_id: '6f1c2d3e-0000-4000-8000-000000000001', destination_url: 'https://shop.example.com/spring', sub_id: 'newsletter' },
  handle: async ({ caller, db, body, request }) => {
    const workspaceId = caller.scope.workspaceId;
    const programId = await programOfNewLink(db, workspaceId, body);
    const link = await withApiFieldNames(() =>
      createTrackedLink(db, workspaceId, { partnerId: body.partner_id, programId, destinationUrl: body.destination_url, subId: body.sub_id, code: body.code }),
    );
    return linkDetail(db, workspaceId, link.id, publicOrigin(request));
  },
});

function switchLink(disabled: boolean) {
  const verb = disabled ? 'disable' : 'enable';
  return defineEndpoint({
    method: 'post',
    path: `/links/{id}/${verb}`,
    operationId: `${verb}Link`,
    summary: disabled ? 'Disable a link' : 'Enable a link',
    description: disabled
      ? 'The link stops redirecting and counting clicks within seconds (the tracker’s cache is rewritten). Disabling a disabled link changes nothing.'
      : 'The link redirects and counts clicks again. Enabling a live link changes nothing.',
    tag: TAG,
    access: 'write',
    params: ID,
    response: linkDetailSchema,
    handle: async ({ caller, db, params, request }) => {
      await setLinkDisabled(db, caller.scope.workspaceId, params.id, disabled);
      return linkDetail(db, caller.scope.workspaceId, params.id, publicOrigin(request));
    },
  });
}

export const disableLink = switchLink(true);
export const enableLink = switchLink(false);

export const endpoints: Endpoint[] = [listLinks, getLink, createLink, disableLink, enableLink];
