'use server';

import { revalidatePath } from 'next/cache';
import { setWorkspaceTimeZone } from '../server/time-zone';
import { formatDateTime } from '../time';
import { timeZoneSchema } from '../validation/time-zone';
import { merchantAction } from './define';

/** Settings → Workspace: the zone every console page shows dates in (exports stay in UTC). */
export const setTimeZoneAction = merchantAction({
  roles: 'manage',
  input: timeZoneSchema,
  run: async ({ scope, input, db }) => {
    const { changed } = await setWorkspaceTimeZone(db, scope, input.timeZone);
    revalidatePath(`/m/${scope.workspaceSlug}`, 'layout');
    const example = formatDateTime(new Date(), input.timeZone);
    return { ok: true, message: changed ? `Dates now show in ${input.timeZone} (now: ${example}).` : `Dates already show in ${input.timeZone}.` };
  },
});
