import type { z } from 'zod';
import { AppError } from '../errors';

/**
 * Reads a provider's payload with a zod schema, or refuses it (400) naming the first field that
 * does not fit, as the sender knows it: `Stripe event: data.object.currency is required.`
 * `at` is where the schema's object sits in the payload (Stripe's `data.object`).
 */
export function readPayload<T extends z.ZodType>(schema: T, payload: unknown, opts: { sender: string; at?: readonly string[] }): z.infer<T> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [...(opts.at ?? []), ...(issue?.path ?? [])].map(String).join('.') || '_';
  const message = issue?.message ?? 'is invalid';
  throw new AppError('invalid_input', `${opts.sender}: ${path} ${message}.`, { [path]: message });
}
