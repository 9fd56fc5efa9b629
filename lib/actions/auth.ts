'use server';

import { AuthError } from 'next-auth';
import { redirect, unstable_rethrow } from 'next/navigation';
import { headers } from 'next/headers';
import { signIn, signOut } from '../auth';
import { currentUser } from '../auth/guards';
import { getDb } from '../../db/client';
import { signUpMerchant, requestPasswordReset, resetPassword } from '../server/accounts';
import { joinProgram } from '../server/enrollments';
import { merchantSignUpSchema, partnerJoinSchema, passwordResetRequestSchema, passwordResetSchema, signInSchema } from '../validation/accounts';
import { env } from '../env';
import { formToObject, toActionError, type ActionResult } from './result';

async function signInWith(email: string, password: string, redirectTo: string) {
  await signIn('credentials', { email, password, redirectTo });
}

export async function signInAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const parsed = signInSchema.safeParse(formToObject(form));
  if (!parsed.success) return toActionError(parsed.error);
  try {
    await signInWith(parsed.data.email, parsed.data.password, '/home');
    return { ok: true };
  } catch (err) {
    unstable_rethrow(err);
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code;
      if (code === 'rate_limited') return { ok: false, message: 'Too many failed attempts. Wait 15 minutes and try again.' };
      return { ok: false, message: 'Email or password is incorrect.' };
    }
    return toActionError(err);
  }
}

export async function signUpAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const input = merchantSignUpSchema.parse(formToObject(form));
    const { workspaceSlug } = await signUpMerchant(getDb(), input);
    await signInWith(input.email, input.password, `/m/${workspaceSlug}`);
    return { ok: true };
  } catch (err) {
    unstable_rethrow(err);
    return toActionError(err);
  }
}

export async function joinProgramAction(
  target: { workspaceSlug: string; programSlug: string },
  _prev: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  try {
    const user = await currentUser();
    if (user) {
      await joinProgram(getDb(), target, { signedInUserId: user.id, email: user.email, name: user.name ?? undefined });
      redirect('/p');
    }
    const input = partnerJoinSchema.parse(formToObject(form));
    await joinProgram(getDb(), target, { form: input });
    await signInWith(input.email, input.password, '/p');
    return { ok: true };
  } catch (err) {
    unstable_rethrow(err);
    return toActionError(err);
  }
}

async function appUrl(): Promise<string> {
  const configured = env().APP_URL;
  if (configured) return configured;
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? `localhost:${env().PORT}`;
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return `${proto}://${host}`;
}

export async function requestPasswordResetAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const { email } = passwordResetRequestSchema.parse(formToObject(form));
    await requestPasswordReset(getDb(), email, await appUrl());
    return { ok: true, message: 'If an account exists for this email, a reset link is on its way.' };
  } catch (err) {
    return toActionError(err);
  }
}

export async function resetPasswordAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const { token, password } = passwordResetSchema.parse(formToObject(form));
    await resetPassword(getDb(), token, password);
    return { ok: true, message: 'Your password was changed. You can sign in now.' };
  } catch (err) {
    return toActionError(err);
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/sign-in' });
}
