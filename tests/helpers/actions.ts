import type { Database } from '../../db/client';
import { insertUser } from '../../db/queries/users';
import { insertMember } from '../../db/queries/workspaces';
import { uniq } from './db';

// What tests of server actions share: a form as the browser posts it, and the members whose role
// must be refused. The session itself is mocked in each file (vi.mock is hoisted per file).

export type SessionUser = { id: string; email: string };

/** A FormData with these fields, as a form submission would post them. */
export function formOf(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

/** A finance member and a viewer of the workspace, through the real member writer. */
export async function financeAndViewer(db: Database, workspaceId: string): Promise<{ finance: SessionUser; viewer: SessionUser }> {
  const finance = await insertUser(db, { email: `${uniq('fin')}@m.test`, name: 'F', passwordHash: 'x' });
  const viewer = await insertUser(db, { email: `${uniq('view')}@m.test`, name: 'V', passwordHash: 'x' });
  await insertMember(db, workspaceId, finance.id, 'finance');
  await insertMember(db, workspaceId, viewer.id, 'viewer');
  return { finance, viewer };
}
