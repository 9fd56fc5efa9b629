import 'server-only';
import type { Database } from '../../db/client';
import { setAllowedDomains } from '../../db/queries/workspaces';

/** Tracked links may only send visitors to these hosts (and their subdomains): no open redirects. */
export async function saveAllowedDomains(db: Database, workspaceId: string, domains: string[]) {
  await setAllowedDomains(db, workspaceId, domains);
}
