import { z } from 'zod';
import type { AppErrorCode } from '../errors';

// The one error body of the REST API (and of the signed endpoints, which share errorResponse):
//   { "error": { "code": "invalid_input", "message": "limit: must be at most 100", "field": "limit" } }
// `field` names the input that is wrong when one is; `message` is a sentence a person can act on.

export const API_ERROR_CODES = [
  'invalid_input', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'payload_too_large', 'fx_rate_missing', 'unprocessable', 'rate_limited', 'internal',
] as const satisfies readonly AppErrorCode[];

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(API_ERROR_CODES).meta({ description: 'Stable, machine-readable reason.' }),
      message: z.string().min(1).meta({ description: 'What went wrong and what to do, in plain words.' }),
      field: z.string().optional().meta({ description: 'The input that is wrong, as a dotted path (`rules.0.amount`), or a header name.' }),
      fields: z.record(z.string(), z.string()).optional().meta({ description: 'Every wrong input with its reason, when there are several.' }),
    }),
  })
  .meta({ id: 'Error' });

/** The statuses each kind of endpoint may answer besides its success, for the document. */
export const ERROR_STATUSES = {
  400: 'The input is invalid; `field` names it.',
  401: 'No API key, an unknown key or a revoked one.',
  403: 'The key is read-only and this request writes.',
  404: 'No such object in this workspace (ids of other workspaces are not found either).',
  409: 'Conflicts with the current state, or the Idempotency-Key was used with another request.',
  413: 'The body is over 1 MB.',
  422: 'Well-formed, but cannot be applied (for example an exchange rate is missing).',
  429: 'Too many requests for this key; wait `Retry-After` seconds.',
} as const;
