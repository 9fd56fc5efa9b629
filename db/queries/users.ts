import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { users } from '../schema';

export interface UserDto {
  id: string;
  email: string;
  name: string | null;
}

/** Only sign-in needs the hash; it never leaves db/ + lib/auth. */
export async function findUserCredentials(db: Executor, email: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  return row;
}

export async function insertUser(db: Executor, input: { email: string; name: string; passwordHash: string }): Promise<UserDto> {
  const [row] = await db
    .insert(users)
    .values({ email: input.email.toLowerCase(), name: input.name, passwordHash: input.passwordHash })
    .returning({ id: users.id, email: users.email, name: users.name });
  return row;
}

export async function setUserPassword(db: Executor, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}
