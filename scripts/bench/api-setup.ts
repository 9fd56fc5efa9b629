/**
 * The API benchmark's tenant, made through the services a merchant's clicks would call: an owner
 * and workspace, one program paying 10 % of each order, approved partners with a link each (orders
 * name a link's code, so every accepted order writes one commission), a ledger of `entries`
 * commissions written in one statement, the events secret (signed posts), an events-per-minute
 * budget the bench cannot exhaust, and two API keys made as Settings → API makes them.
 */
import type { Database } from '../../db/client';
import { insertSyntheticEntries } from '../../db/queries/bench';
import { insertEnrollment, insertPartner } from '../../db/queries/partners';
import { insertProgram } from '../../db/queries/programs';
import { findWorkspaceBySlug, setAllowedDomains } from '../../db/queries/workspaces';
import { signUpMerchant } from '../../lib/server/accounts';
import { EVENTS_PER_MINUTE, rotateEventsSecret, saveEventsPerMinute } from '../../lib/server/api-settings';
import { createApiKey } from '../../lib/server/api-keys';
import { createLink } from '../../lib/server/links';
import type { MerchantScope } from '../../lib/server/scope';

export interface ApiBenchTenant {
  workspaceId: string;
  slug: string;
  /** link codes, one per partner: the `partnerCode` of the posted orders */
  codes: string[];
  eventsSecret: string;
  readKey: string;
  writeKey: string;
}

export async function createApiBenchTenant(db: Database, opts: { partners: number; entries: number }): Promise<ApiBenchTenant> {
  const run = Date.now().toString(36);
  const { userId, workspaceSlug: slug } = await signUpMerchant(db, {
    name: 'Bench owner', email: `api-bench-${run}@bench.test`, password: 'bench-password-1', workspaceName: `API bench ${run}`, baseCurrency: 'USD',
  });
  const workspaceId = (await findWorkspaceBySlug(db, slug))!.id;
  await setAllowedDomains(db, workspaceId, ['shop.example']);
  const program = await insertProgram(db, workspaceId, {
    slug: 'affiliates', name: 'Affiliates', category: 'affiliate', unit: 'USD', rules: [{ type: 'one_time_share', percent: '10' }], approvalMode: 'auto',
  });
  const codes: string[] = [];
  const partnerIds: string[] = [];
  for (let i = 0; i < opts.partners; i++) {
    const partner = await insertPartner(db, workspaceId, { email: `api-partner${i}-${run}@bench.test`, name: `API bench partner ${i}` });
    await insertEnrollment(db, { workspaceId, partnerId: partner.id, programId: program.id, status: 'approved', at: new Date('2025-01-01T00:00:00Z') });
    const link = await createLink(db, workspaceId, { partnerId: partner.id, programId: program.id, destinationUrl: `https://shop.example/?p=${i}` });
    codes.push(link.code);
    partnerIds.push(partner.id);
  }
  await insertSyntheticEntries(db, workspaceId, program.id, partnerIds, opts.entries);

  // the signed path's own limit is per workspace; at its maximum so it refuses nothing here
  await saveEventsPerMinute(db, workspaceId, userId, EVENTS_PER_MINUTE.max);
  const { secret: eventsSecret } = await rotateEventsSecret(db, workspaceId, userId);
  const scope: MerchantScope = { workspaceId, workspaceSlug: slug, userId, role: 'owner', baseCurrency: 'USD', timeZone: 'UTC' };
  const readKey = (await createApiKey(db, scope, { name: 'bench read', access: 'read' })).key;
  const writeKey = (await createApiKey(db, scope, { name: 'bench read-write', access: 'read_write' })).key;
  return { workspaceId, slug, codes, eventsSecret, readKey, writeKey };
}
