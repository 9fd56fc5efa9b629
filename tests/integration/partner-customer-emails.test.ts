import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { financeAndViewer, formOf, type SessionUser } from '../helpers/actions';
import { insertEnrollment, insertPartner } from '../../db/queries/partners';
import { insertLink } from '../../db/queries/tracked-links';
import { showsCustomerEmailsToPartners } from '../../db/queries/workspaces';
import { auditLog } from '../../db/schema';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { partnerRewardDetail, partnerRewardsPage } from '../../lib/server/portal-rewards';
import { auditSentence } from '../../lib/explain/audit';
import { maskEmail } from '../../lib/format';
import { maskPayoutDetails } from '../../lib/domain/payout-details';

// Partners see the customers behind their rewards by email, masked (j•••@acme.test) unless the
// merchant shows them whole (Settings → Partner portal). The real action runs; only the session is
// set by the test. The choice is per workspace and audited in the change's own transaction.

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { setPartnerCustomerEmailsAction } = await import('../../lib/actions/customer-emails-setting');

const db = testDatabase();
const signInAs = (user: SessionUser) => (session.current = { user: { id: user.id, email: user.email } });

let a: Awaited<ReturnType<typeof createMerchant>>;
let b: Awaited<ReturnType<typeof createMerchant>>;
const partner: Record<'a' | 'b', string> = { a: '', b: '' };
const entry: Record<'a' | 'b', string> = { a: '', b: '' };

/** A partner of the merchant with a link, and one order it referred from jane.doe@acme.test. */
async function referredOrder(m: Awaited<ReturnType<typeof createMerchant>>) {
  const ws = m.scope.workspaceId;
  const { id } = await insertPartner(db, ws, { email: `${uniq('p')}@p.test`, name: 'Partner' });
  await insertEnrollment(db, { workspaceId: ws, partnerId: id, programId: m.programId, status: 'approved', at: new Date(Date.now() - 86_400_000) });
  const code = `code-${id.slice(0, 8)}`;
  await insertLink(db, { workspaceId: ws, partnerId: id, programId: m.programId, code, destinationUrl: 'https://shop.example/' });
  const at = new Date(Date.now() - 60_000);
  const { result } = await ingestEvent(db, ws, {
    id: uniq('o'), type: 'order', occurredAt: at.toISOString(),
    data: { customer: { externalId: uniq('c'), email: 'jane.doe@acme.test' }, currency: 'USD', partnerCode: code, lines: [{ product: 'suite', amount: '200.00' }], coupons: [] },
  } as never, { source: 'api', now: at });
  return { partnerId: id, entryId: result.entries[0].id };
}

async function words(key: 'a' | 'b') {
  const detail = await partnerRewardDetail(db, [partner[key]], entry[key]);
  const list = await partnerRewardsPage(db, [partner[key]], { page: 1, pageSize: 10, sort: 'createdAt', dir: 'asc' });
  const all = [detail!.headline, ...detail!.sections.flatMap((s) => s.lines.map((l) => l.text)), ...list.rows.map((r) => r.headline)].join('\n');
  return { headline: detail!.headline, all };
}

beforeAll(async () => {
  [a, b] = await Promise.all([createMerchant(db), createMerchant(db)]);
  ({ partnerId: partner.a, entryId: entry.a } = await referredOrder(a));
  ({ partnerId: partner.b, entryId: entry.b } = await referredOrder(b));
});

describe('customer emails in the partner portal', () => {
  it('are masked by default, in the list and on the Why? page', async () => {
    expect(await showsCustomerEmailsToPartners(db, a.scope.workspaceId)).toBe(false);
    const { headline, all } = await words('a');
    expect(headline).toContain('(j•••@acme.test)');
    expect(all).not.toContain('jane.doe');
  });

  it('show whole once the merchant turns the setting on, in that workspace only', async () => {
    signInAs({ id: a.userId, email: a.email });
    expect(await setPartnerCustomerEmailsAction(a.workspaceSlug, null, formOf({ showCustomerEmails: 'on' }))).toMatchObject({ ok: true });
    expect(await showsCustomerEmailsToPartners(db, a.scope.workspaceId)).toBe(true);
    expect((await words('a')).headline).toContain('(jane.doe@acme.test)');
    // the other merchant did not choose it
    const other = await words('b');
    expect(other.headline).toContain('(j•••@acme.test)');
    expect(other.all).not.toContain('jane.doe');

    // an unticked box turns it off again
    expect(await setPartnerCustomerEmailsAction(a.workspaceSlug, null, formOf({}))).toMatchObject({ ok: true });
    expect((await words('a')).all).not.toContain('jane.doe');
  });

  it('only owners and admins change it; other roles and tenants are refused and nothing is written', async () => {
    const { finance, viewer } = await financeAndViewer(db, b.scope.workspaceId);
    for (const user of [finance, viewer]) {
      signInAs(user);
      const result = await setPartnerCustomerEmailsAction(b.workspaceSlug, null, formOf({ showCustomerEmails: 'on' }));
      expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/^Your role \((finance|viewer)\) cannot do this/) });
    }
    signInAs({ id: a.userId, email: a.email });
    expect(await setPartnerCustomerEmailsAction(b.workspaceSlug, null, formOf({ showCustomerEmails: 'on' }))).toMatchObject({ ok: false });
    expect(await showsCustomerEmailsToPartners(db, b.scope.workspaceId)).toBe(false);
  });

  it('each change writes an audit row in its own transaction; saving the same choice writes none', async () => {
    signInAs({ id: b.userId, email: b.email });
    const rows = () => db.select().from(auditLog).where(and(eq(auditLog.workspaceId, b.scope.workspaceId), eq(auditLog.action, 'settings.partner_customer_emails_changed')));
    expect(await rows()).toHaveLength(0);
    await setPartnerCustomerEmailsAction(b.workspaceSlug, null, formOf({ showCustomerEmails: 'on' }));
    const [row] = await rows();
    expect(row).toMatchObject({ actorUserId: b.userId, subjectType: 'settings', subjectId: b.scope.workspaceId, before: { showCustomerEmailsToPartners: false }, after: { showCustomerEmailsToPartners: true } });
    const xmin = async (table: string, where: ReturnType<typeof sql>) => (await db.execute<{ xmin: string }>(sql`select xmin::text as xmin from ${sql.identifier(table)} where ${where}`)).rows[0]?.xmin;
    expect(await xmin('audit_log', sql`id = ${row.id}`)).toBe(await xmin('workspaces', sql`id = ${b.scope.workspaceId}`));
    expect(auditSentence({ ...row, data: {} } as never, { actor: 'Olivia', names: {} })).toBe('Olivia let partners see their customers’ emails whole');

    expect(await setPartnerCustomerEmailsAction(b.workspaceSlug, null, formOf({ showCustomerEmails: 'on' }))).toMatchObject({ ok: true, message: 'Nothing changed.' });
    expect(await rows()).toHaveLength(1);
    expect((await words('b')).headline).toContain('(jane.doe@acme.test)');
  });

  it('one mask for the portal’s customers and the console’s payout emails', () => {
    expect(maskEmail('jane.doe@acme.test')).toBe('j•••@acme.test');
    expect(maskPayoutDetails({ method: 'paypal', email: 'jane.doe@acme.test' })).toBe('PayPal · j•••@acme.test');
  });
});
