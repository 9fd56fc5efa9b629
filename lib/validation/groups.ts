import { z } from 'zod';
import { GROUP_STRATEGIES } from '../domain/programs';

/**
 * Program ids in order: an array, or the comma-separated list a console form posts (a form field
 * carries one string). Order matters where it is a ranking; a program may appear once.
 */
export const programIdListSchema = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z
    .array(z.string().uuid('names a program that does not exist'), { error: 'must be a list of programs' })
    .max(20, 'may hold at most 20 programs')
    .refine((ids) => new Set(ids).size === ids.length, 'lists a program twice'),
);

/**
 * A program group (SPEC §4.4): its programs ranked in the order given (1 = top tier) and the
 * strategy that picks the one program that pays a partner on a transaction.
 */
export const programGroupSchema = z.object({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(80, 'must be at most 80 characters'),
  strategy: z.enum(GROUP_STRATEGIES, { error: 'pick how the paying program is chosen' }),
  programIds: programIdListSchema,
});
export type ProgramGroupInput = z.infer<typeof programGroupSchema>;

export const groupUpdateSchema = programGroupSchema.extend({ groupId: z.string().uuid('is not a valid id') });
export type GroupUpdateInput = z.infer<typeof groupUpdateSchema>;
