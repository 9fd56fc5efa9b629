import { z } from 'zod';
import { MEMBER_ROLES } from '../domain/roles';
import { emailSchema, passwordSchema } from './accounts';

const roleSchema = z.enum(MEMBER_ROLES, { error: 'must be one of owner, admin, finance or viewer' });
const idSchema = (what: string) => z.string().uuid(`must be a ${what} id`);

export const inviteMemberSchema = z.object({ email: emailSchema, role: roleSchema });
export type InviteMember = z.infer<typeof inviteMemberSchema>;

export const changeMemberRoleSchema = z.object({ memberId: idSchema('member'), role: roleSchema });
export const removeMemberSchema = z.object({ memberId: idSchema('member') });
export const revokeInvitationSchema = z.object({ invitationId: idSchema('invitation') });

/** 32 random bytes in base64url are 43 characters; anything else cannot be one of ours. */
export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a valid invitation link');

/** Signing up through an invitation: the email is the invitation's, so the form has none. */
export const invitationSignUpSchema = z.object({
  token: invitationTokenSchema,
  name: z.string().trim().min(1, 'is required').max(100),
  password: passwordSchema,
});
export type InvitationSignUp = z.infer<typeof invitationSignUpSchema>;
