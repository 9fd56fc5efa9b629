import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '../../db/client';
import { verifyCredentials } from '../server/accounts';
import { signInSchema } from '../validation/accounts';
import { hitRateLimit, peekRateLimit, resetRateLimit } from '../kv/rate-limit';

// Failed logins are throttled per email and per client address through Redis.
const EMAIL_LIMIT = 5;
const IP_LIMIT = 30;
const WINDOW_SECONDS = 15 * 60;

class RateLimited extends CredentialsSignin {
  code = 'rate_limited';
}

async function throttleAllows(keys: [string, number][]): Promise<boolean> {
  try {
    for (const [key, limit] of keys) if (!(await peekRateLimit(key, limit))) return false;
    return true;
  } catch (err) {
    // Redis unavailable: let people sign in (passwords are still checked) and say so in the log.
    console.error('[auth] rate limiter unavailable, allowing login attempt', err);
    return true;
  }
}

async function recordFailure(keys: [string, number][]) {
  try {
    for (const [key, limit] of keys) await hitRateLimit(key, limit, WINDOW_SECONDS);
  } catch (err) {
    console.error('[auth] could not record failed login', err);
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  // credentials sign-in needs JWT sessions; signed with AUTH_SECRET, they survive restarts
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  trustHost: true,
  pages: { signIn: '/sign-in' },
  logger: {
    // a wrong password is an expected outcome, not a server error worth a stack trace
    error(error) {
      if (error.name === 'CredentialsSignin' || (error as { type?: string }).type === 'CredentialsSignin') return;
      console.error('[auth]', error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const ip = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || 'local';
        const keys: [string, number][] = [
          [`rl:login:email:${email}`, EMAIL_LIMIT],
          [`rl:login:ip:${ip}`, IP_LIMIT],
        ];
        if (!(await throttleAllows(keys))) throw new RateLimited();
        const user = await verifyCredentials(getDb(), email, password);
        if (!user) {
          await recordFailure(keys);
          return null;
        }
        await resetRateLimit(keys[0][0]).catch(() => undefined);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
