import 'server-only';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../client';
import { passwordResetTokens } from '../schema';

export async function insertPasswordResetToken(db: Executor, userId: string, tokenHash: string, expiresAt: Date) {
  // a new link supersedes older ones
  await db.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, userId));
  await db.insert(passwordResetTokens).values({ userId, tokenHash, expiresAt });
}

/** Marks the token used and returns its user, atomically: a link works once. */
export async function consumePasswordResetToken(db: Executor, tokenHash: string, now: Date): Promise<string | undefined> {
  const [row] = await db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
    .returning({ userId: passwordResetTokens.userId });
  return row?.userId;
}
