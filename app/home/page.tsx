import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { listMemberships } from '@/db/queries/workspaces';

export const dynamic = 'force-dynamic';

/** Where sign-in lands: the merchant console of the first workspace, else the partner portal. */
export default async function HomeRedirect() {
  const user = await requireUser();
  const memberships = await listMemberships(getDb(), user.id);
  redirect(memberships[0] ? `/m/${memberships[0].slug}` : '/p');
}
