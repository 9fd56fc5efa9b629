import { z } from 'zod';

const id = z.string().trim().uuid('choose one from the list');

/**
 * Manual attribution from the console (SPEC §4.3): bind a customer to one partner in a program,
 * or change its binding there. The reason is required: later rewards repeat it in their
 * explanation, so whoever reads a reward knows why attribution was overridden.
 */
export const manualBindingSchema = z.object({
  customerId: id,
  programId: id,
  partnerId: id,
  reason: z.string().trim().min(1, 'is required: say why this customer belongs to the partner').max(500, 'must be at most 500 characters'),
});

export type ManualBindingInput = z.infer<typeof manualBindingSchema>;
