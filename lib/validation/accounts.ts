import { z } from 'zod';

export const emailSchema = z.string().trim().toLowerCase().email('must be a valid email address').max(254);
export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');
export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD');

export const merchantSignUpSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  email: emailSchema,
  password: passwordSchema,
  workspaceName: z.string().trim().min(2, 'must be at least 2 characters').max(80),
  baseCurrency: currencySchema.default('USD'),
});
export type MerchantSignUp = z.infer<typeof merchantSignUpSchema>;

export const partnerJoinSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  company: z.string().trim().max(120).optional().default(''),
  email: emailSchema,
  password: passwordSchema,
});
export type PartnerJoin = z.infer<typeof partnerJoinSchema>;

export const signInSchema = z.object({ email: emailSchema, password: z.string().min(1, 'is required').max(200) });

export const passwordResetRequestSchema = z.object({ email: emailSchema });
export const passwordResetSchema = z.object({ token: z.string().min(20).max(200), password: passwordSchema });
