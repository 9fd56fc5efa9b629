'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signIn, signOut } from '../auth';
import { signUpMerchant, requestPasswordReset, resetPassword } from '../server/accounts';
import { appOrigin } from '../server/app-origin';
import { joinProgram } from '../server/enrollments';
import { acceptInvitation, signUpByInvitation } from '../server/invitations';
import { AppError } from '../errors';
import { merchantSignUpSchema, partnerJoinSchema, passwordResetRequestSchema, passwordResetSchema, signInSchema } from '../validation/accounts';
import { invitationSignUpSchema, invitationTokenSchema } from '../validation/members';
import type { ActionResult } from './result';
import { publicAction } from './define';

async function signInWith(email: string, password: string, redirectTo: string) {
  await signIn('credentials', { email, password, redirectTo });
}

/** Auth.js reports wrong credentials (and our rate limit) as AuthError; anything else is ours. */
function signInRefusal(err: unknown): ActionResult | undefined {
  if (!(err instanceof AuthError)) return undefined;
  const code = (err as AuthError & { code?: string }).code;
  if (code === 'rate_limited') return { ok: false, message: 'Too many failed attempts. Wait 15 minutes and try again.' };
  return { ok: false, message: 'Email or password is incorrect.' };
}

export const signInAction = publicAction({
  input: signInSchema,
  mapError: signInRefusal,
  run: async ({ input }) => {
    await signInWith(input.email, input.password, '/home');
    return { ok: true };
  },
});

export const signUpAction = publicAction({
  input: merchantSignUpSchema,
  run: async ({ input, db }) => {
    const { workspaceSlug } = await signUpMerchant(db, input);
    await signInWith(input.email, input.password, `/m/${workspaceSlug}`);
    return { ok: true };
  },
});

// The program a join page applies to arrives as a bound argument, which a client could forge: it is
// parsed like any input (the service then finds only active programs with their join page on).
const joinTarget = z.object({ workspaceSlug: z.string().min(1).max(200), programSlug: z.string().min(1).max(200) });

/**
 * Applying to a program: `(target, prev, form)`. A signed-in user applies as themselves (no form);
 * a visitor fills in the form, which creates the account or proves they own it.
 */
export const joinProgramAction = publicAction({
  bound: ['target'],
  run: async ({ user, rawInput, db }) => {
    const target = joinTarget.parse(rawInput.target);
    if (user) {
      await joinProgram(db, target, { signedInUserId: user.id, email: user.email, name: user.name ?? undefined });
      redirect('/p');
    }
    const form = partnerJoinSchema.parse(rawInput);
    await joinProgram(db, target, { form });
    await signInWith(form.email, form.password, '/p');
    return { ok: true };
  },
});

export const requestPasswordResetAction = publicAction({
  input: passwordResetRequestSchema,
  run: async ({ input: { email }, db }) => {
    await requestPasswordReset(db, email, await appOrigin());
    return { ok: true, message: 'If an account exists for this email, a reset link is on its way.' };
  },
});

export const resetPasswordAction = publicAction({
  input: passwordResetSchema,
  run: async ({ input: { token, password }, db }) => {
    await resetPassword(db, token, password);
    return { ok: true, message: 'Your password was changed. You can sign in now.' };
  },
});

// Invitations (app/(auth)/invite/[token]): the token arrives as a bound argument and is parsed like
// any input. Each action lands somewhere the token decides only by being ours: the invitation page
// itself or the console of the workspace the invitation names.

/** A visitor without an account signs up through the invitation and lands in the console with its role. */
export const signUpByInvitationAction = publicAction({
  bound: ['token'],
  input: invitationSignUpSchema,
  run: async ({ input, db }) => {
    const joined = await signUpByInvitation(db, input);
    await signInWith(joined.email, input.password, `/m/${joined.workspaceSlug}`);
    return { ok: true };
  },
});

/** Someone with an account signs in from the invitation page and comes back to it to accept. */
export const signInForInvitationAction = publicAction({
  bound: ['token'],
  input: signInSchema.extend({ token: invitationTokenSchema }),
  mapError: signInRefusal,
  run: async ({ input }) => {
    await signInWith(input.email, input.password, `/invite/${input.token}`);
    return { ok: true };
  },
});

/** One click for the signed-in invited user: joins and opens the console. */
export const acceptInvitationAction = publicAction({
  bound: ['token'],
  input: z.object({ token: invitationTokenSchema }),
  run: async ({ user, input, db }) => {
    if (!user) throw new AppError('unauthorized', 'Your session has ended; sign in again to accept.');
    const joined = await acceptInvitation(db, input.token, user);
    redirect(`/m/${joined.workspaceSlug}`);
  },
});

/** Signed in with another account: sign out and come back to the invitation. */
export const signOutForInvitationAction = publicAction({
  bound: ['token'],
  input: z.object({ token: invitationTokenSchema }),
  run: async ({ input }) => {
    await signOut({ redirectTo: `/invite/${input.token}` });
    return { ok: true };
  },
});

/** Signing out needs no input; built with the wrapper so its redirect passes and errors map alike. */
export const signOutAction = publicAction({
  run: async () => {
    await signOut({ redirectTo: '/sign-in' });
    return { ok: true };
  },
});
