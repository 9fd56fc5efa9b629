import type { Database } from '../../db/client';
import { signUpMerchant } from '../../lib/server/accounts';
import { insertProgram } from '../../db/queries/programs';
import { resolveMerchantScope } from '../../lib/server/access';
import { uniq } from './db';

export const PASSWORD = 'correct-horse-battery';

/** A merchant with its own workspace and one program, created through the real services. */
export async function createMerchant(db: Database, opts: { approvalMode?: 'auto' | 'manual' } = {}) {
  const email = `${uniq('owner')}@merchant.test`;
  const { userId, workspaceSlug } = await signUpMerchant(db, {
    name: 'Owner',
    email,
    password: PASSWORD,
    workspaceName: `Shop ${uniq()}`,
    baseCurrency: 'USD',
  });
  const scope = await resolveMerchantScope(userId, workspaceSlug);
  const program = await insertProgram(db, scope.workspaceId, {
    slug: 'referrals',
    name: 'Referrals',
    category: 'referral',
    unit: 'USD',
    rules: [{ type: 'one_time_share', percent: '10' }],
    approvalMode: opts.approvalMode ?? 'manual',
  });
  return { email, userId, workspaceSlug, scope, programId: program.id, programSlug: program.slug };
}
