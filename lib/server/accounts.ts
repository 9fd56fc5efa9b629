import 'server-only';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from './sha256';
import type { Database } from '../../db/client';
import { findUserCredentials, insertUser, setUserPassword } from '../../db/queries/users';
import { insertMember, insertWorkspace, slugTaken } from '../../db/queries/workspaces';
import { consumePasswordResetToken, insertPasswordResetToken } from '../../db/queries/password-resets';
import { hashPassword, verifyPassword } from '../auth/password';
import { AppError } from '../errors';
import { slugify } from './slug';
import type { MerchantSignUp } from '../validation/accounts';
import { sendMail } from './mailer';

const emailTaken = () =>
  new AppError('conflict', 'An account with this email already exists; sign in instead.', { email: 'is already registered' });

/** A merchant signs up: user + workspace + owner membership, in one transaction. */
export async function signUpMerchant(db: Database, input: MerchantSignUp) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (await findUserCredentials(tx, input.email)) throw emailTaken();
    const user = await insertUser(tx, { email: input.email, name: input.name, passwordHash });
    const base = slugify(input.workspaceName);
    let slug = base;
    for (let i = 2; await slugTaken(tx, slug); i++) slug = `${base}-${i}`;
    const workspace = await insertWorkspace(tx, { slug, name: input.workspaceName, baseCurrency: input.baseCurrency });
    await insertMember(tx, workspace.id, user.id, 'owner');
    return { userId: user.id, workspaceSlug: workspace.slug };
  });
}

/** Checks a password for a person who already has an account (joining while signed out). */
export async function verifyCredentials(db: Database, email: string, password: string) {
  const user = await findUserCredentials(db, email);
  if (!user || !(await verifyPassword(password, user.passwordHash))) return undefined;
  return { id: user.id, email: user.email, name: user.name };
}

const RESET_TTL_MS = 60 * 60 * 1000;

/**
 * Emails a one-hour reset link. Unknown emails get the same answer (no account enumeration).
 * Without SMTP configured the mailer writes the link to the server log.
 */
export async function requestPasswordReset(db: Database, email: string, appUrl: string, now = new Date()): Promise<void> {
  const user = await findUserCredentials(db, email);
  if (!user) return;
  const token = randomBytes(32).toString('base64url');
  await insertPasswordResetToken(db, user.id, sha256Hex(token), new Date(now.getTime() + RESET_TTL_MS));
  const link = `${appUrl.replace(/\/$/, '')}/reset-password?token=${token}`;
  await sendMail({
    to: user.email,
    subject: 'Reset your password',
    text: `Someone asked to reset the password of your account.\n\nOpen this link within an hour to choose a new one:\n${link}\n\nIf it was not you, ignore this email.`,
    logLine: `password reset link for ${user.email}: ${link}`,
  });
}

export async function resetPassword(db: Database, token: string, newPassword: string, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    const userId = await consumePasswordResetToken(tx, sha256Hex(token), now);
    if (!userId) throw new AppError('invalid_input', 'This reset link is invalid or has expired.', { token: 'is invalid or expired' });
    await setUserPassword(tx, userId, passwordHash);
  });
}
