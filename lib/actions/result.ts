import { ZodError } from 'zod';
import { AppError, fieldErrors } from '../errors';

/** What every server action returns to its form: never a thrown error for a user's mistake. */
export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; message: string; fields?: Record<string, string>; errorId?: string };

export const initialActionResult = null as ActionResult | null;

/** Maps errors once: AppError and zod to messages; anything else is logged with an id. */
export function toActionError(err: unknown): ActionResult<never> {
  if (err instanceof AppError) return { ok: false, message: err.message, fields: err.fields };
  if (err instanceof ZodError) return { ok: false, message: 'Some fields need attention.', fields: fieldErrors(err.issues) };
  const errorId = Math.random().toString(36).slice(2, 10);
  console.error(`[action] internal error ${errorId}`, err);
  return { ok: false, message: `Something went wrong on our side (error ${errorId}).`, errorId };
}

export function formToObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string') out[k] = v;
  return out;
}
