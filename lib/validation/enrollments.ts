import { z } from 'zod';
import { enrollmentStatusSchema } from './enums';

/** The console's decision on an enrollment, with optional words the partner sees in the portal. */
export const enrollmentDecisionSchema = z.object({
  enrollmentId: z.string().uuid('is not a valid id'),
  // a merchant moves an enrollment to any status but back to pending
  status: enrollmentStatusSchema.exclude(['pending'], { error: 'pick approve, reject or suspend' }),
  reason: z
    .string()
    .trim()
    .max(500, 'must be at most 500 characters')
    .optional()
    .transform((s) => s || null),
});
export type EnrollmentDecision = z.infer<typeof enrollmentDecisionSchema>;
