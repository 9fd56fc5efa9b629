/** The benchmark's tenant: one workspace, one program, approved partners and their tracked links. */
import type { Database } from '../../db/client';
import { insertEnrollment, insertPartner } from '../../db/queries/partners';
import { insertProgram } from '../../db/queries/programs';
import { findWorkspaceBySlug, setAllowedDomains } from '../../db/queries/workspaces';
import { signUpMerchant } from '../../lib/server/accounts';
import { createLink } from '../../lib/server/links';

export async function createBenchLinks(db: Database, linkCount: number) {
  const run = Date.now().toString(36);
  const { workspaceSlug } = await signUpMerchant(db, {
    name: 'Bench owner', email: `bench-${run}@bench.test`, password: 'bench-password-1', workspaceName: `Bench ${run}`, baseCurrency: 'USD',
  });
  const workspaceId = (await findWorkspaceBySlug(db, workspaceSlug))!.id;
  await setAllowedDomains(db, workspaceId, ['shop.example']);
  const program = await insertProgram(db, workspaceId, {
    slug: 'affiliates', name: 'Affiliates', category: 'affiliate', unit: 'USD', rules: [{ type: 'one_time_share', percent: '10' }], approvalMode: 'auto',
  });
  const codes: string[] = [];
  for (let i = 0; i < linkCount; i++) {
    const partner = await insertPartner(db, workspaceId, { email: `partner${i}-${run}@bench.test`, name: `Bench partner ${i}` });
    await insertEnrollment(db, { workspaceId, partnerId: partner.id, programId: program.id, status: 'approved', at: new Date() });
    const link = await createLink(db, workspaceId, { partnerId: partner.id, programId: program.id, destinationUrl: `https://shop.example/landing?utm_source=bench&p=${i}` });
    codes.push(link.code);
  }
  return { workspaceId, codes };
}
