'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { portalMerchantsOfUser } from '../../db/queries/portal-dashboard-scope';
import { PORTAL_WORKSPACE_COOKIE } from '../domain/portal-workspace';
import { AppError } from '../errors';
import { env } from '../env';
import { partnerAction } from './define';

const choice = z.object({ workspace: z.string().trim().min(1, 'choose a merchant').max(100, 'is too long') });

/**
 * The portal's workspace switcher: remembers the chosen merchant for a year in an httpOnly cookie.
 * Only a merchant the user is a partner of can be chosen ("not found" otherwise); the pages check
 * the cookie again on every read, so a cookie edited by hand changes nothing.
 */
export const choosePortalWorkspaceAction = partnerAction({
  input: choice,
  run: async ({ user, input, db }) => {
    const merchant = (await portalMerchantsOfUser(db, user.id)).find((m) => m.slug === input.workspace);
    if (!merchant) throw new AppError('not_found', 'Merchant not found.');
    (await cookies()).set(PORTAL_WORKSPACE_COOKIE, merchant.slug, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      maxAge: 60 * 60 * 24 * 365,
      secure: process.env.NODE_ENV === 'production' && (env().APP_URL ?? '').startsWith('https://'),
    });
    return { ok: true, message: `Showing ${merchant.name}.` };
  },
});
