import { beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { formOf } from '../helpers/actions';
import { insertUser } from '../../db/queries/users';
import { insertPartner } from '../../db/queries/partners';
import { findPartnerProfileFields } from '../../db/queries/partner-profile';

// The partner's profile through the real portal actions (only the session is set by the test):
// per merchant, only the caller's own records, each refusal naming its field, and an audit row
// with the changed keys written in the change's own transaction.

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { savePartnerProfileAction, saveNotificationPrefsAction } = await import('../../lib/actions/partner-profile');

const db = testDatabase();
const signInAs = (user: { id: string; email: string }) => (session.current = { user: { id: user.id, email: user.email } });
const saveProfile = (fields: Record<string, string>) => savePartnerProfileAction(null, formOf(fields));
const savePrefs = (fields: Record<string, string>) => saveNotificationPrefsAction(null, formOf(fields));

let a: Awaited<ReturnType<typeof createMerchant>>;
let b: Awaited<ReturnType<typeof createMerchant>>;
// Pat is a partner of A and of B (two records, one account); Quinn is a partner of B only
let pat: { id: string; email: string };
let quinn: { id: string; email: string };
let patInA: string;
let patInB: string;
let quinnInB: string;

beforeAll(async () => {
  a = await createMerchant(db);
  b = await createMerchant(db);
  pat = await insertUser(db, { email: `${uniq('pat')}@p.test`, name: 'Pat', passwordHash: 'x' });
  quinn = await insertUser(db, { email: `${uniq('quinn')}@p.test`, name: 'Quinn', passwordHash: 'x' });
  patInA = (await insertPartner(db, a.scope.workspaceId, { email: pat.email, name: 'Pat', userId: pat.id })).id;
  patInB = (await insertPartner(db, b.scope.workspaceId, { email: pat.email, name: 'Pat', userId: pat.id })).id;
  quinnInB = (await insertPartner(db, b.scope.workspaceId, { email: quinn.email, name: 'Quinn', company: 'Quinn Ltd', userId: quinn.id })).id;
});

async function auditRows(partnerId: string) {
  const { rows } = await db.execute<{ action: string; actor_user_id: string | null; before: unknown; after: unknown; data: unknown; xmin: string; workspace_id: string }>(
    sql`select action, actor_user_id, before, after, data, xmin::text as xmin, workspace_id from audit_log where subject_type = 'partner' and subject_id = ${partnerId} order by seq`,
  );
  return rows;
}

const partnerXmin = async (partnerId: string) => (await db.execute<{ xmin: string }>(sql`select xmin::text as xmin from partners where id = ${partnerId}`)).rows[0].xmin;

describe('the partner profile', () => {
  it('saves name, company, website and tax country on the chosen merchant’s record only, audited in the same transaction', async () => {
    signInAs(pat);
    const result = await saveProfile({ partnerId: patInA, name: 'Pat Partner', company: 'Pat Media', website: 'pat-media.example', taxCountry: 'nl' });
    expect(result).toEqual({ ok: true, message: 'Profile saved.' });
    expect(await findPartnerProfileFields(db, a.scope.workspaceId, patInA)).toMatchObject({
      name: 'Pat Partner', company: 'Pat Media', website: 'https://pat-media.example', taxCountry: 'NL', email: pat.email,
    });
    // the other merchant's record of Pat is its own
    expect(await findPartnerProfileFields(db, b.scope.workspaceId, patInB)).toMatchObject({ name: 'Pat', company: null, website: null, taxCountry: null });

    const [row] = await auditRows(patInA);
    expect(row).toMatchObject({
      action: 'partner.profile_updated', actor_user_id: pat.id, workspace_id: a.scope.workspaceId,
      before: { name: 'Pat', company: null, website: null, taxCountry: null },
      after: { name: 'Pat Partner', company: 'Pat Media', website: 'https://pat-media.example', taxCountry: 'NL' },
      data: { name: 'Pat Partner' },
    });
    expect(row.xmin).toBe(await partnerXmin(patInA));
  });

  it('keeps only the changed keys in the audit row, writes none when nothing changed, and clears blanks', async () => {
    signInAs(pat);
    const before = (await auditRows(patInA)).length;
    expect(await saveProfile({ partnerId: patInA, name: 'Pat Partner', company: 'Pat Media', website: 'https://pat-media.example', taxCountry: 'NL' })).toEqual({ ok: true, message: 'Nothing changed.' });
    expect(await auditRows(patInA)).toHaveLength(before);

    expect(await saveProfile({ partnerId: patInA, name: 'Pat Partner', company: '', website: 'https://pat-media.example', taxCountry: 'NL' })).toMatchObject({ ok: true });
    const rows = await auditRows(patInA);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ before: { company: 'Pat Media' }, after: { company: null } });
    expect(Object.keys(rows.at(-1)!.after as object)).toEqual(['company']);
  });

  it('saves notification preferences per kind, merged, audited', async () => {
    signInAs(pat);
    const result = await savePrefs({ partnerId: patInA, notify_application_decided: 'on', notify_payout_sent: 'on', notify_payout_failed: 'on', notify_deal_decided: 'on' });
    expect(result).toEqual({ ok: true, message: 'Email preferences saved.' });
    expect((await findPartnerProfileFields(db, a.scope.workspaceId, patInA))!.notificationPrefs).toEqual({
      application_decided: true, reward_payable: false, payout_sent: true, payout_failed: true, deal_decided: true,
    });
    const last = (await auditRows(patInA)).at(-1)!;
    expect(last).toMatchObject({ action: 'partner.profile_updated', before: { notificationPrefs: {} } });
    expect(last.xmin).toBe(await partnerXmin(patInA));
    expect((await findPartnerProfileFields(db, b.scope.workspaceId, patInB))!.notificationPrefs).toEqual({});
  });

  it('another partner’s record, a record of a workspace the user is not in, or no record: not found, nothing changed', async () => {
    signInAs(pat);
    for (const partnerId of [quinnInB, randomUUID()]) {
      expect(await saveProfile({ partnerId, name: 'Mallory', website: 'https://evil.example' })).toEqual({ ok: false, message: 'Partner not found.' });
      expect(await savePrefs({ partnerId })).toEqual({ ok: false, message: 'Partner not found.' });
    }
    signInAs(quinn);
    expect(await saveProfile({ partnerId: patInA, name: 'Mallory' })).toEqual({ ok: false, message: 'Partner not found.' });
    expect(await findPartnerProfileFields(db, b.scope.workspaceId, quinnInB)).toMatchObject({ name: 'Quinn', company: 'Quinn Ltd', website: null, notificationPrefs: {} });
    expect(await findPartnerProfileFields(db, a.scope.workspaceId, patInA)).toMatchObject({ name: 'Pat Partner' });
    expect(await auditRows(quinnInB)).toEqual([]);
    // the owner of A is no partner at all
    signInAs({ id: a.userId, email: a.email });
    expect(await saveProfile({ partnerId: patInA, name: 'Owner' })).toEqual({ ok: false, message: 'Partner not found.' });
  });

  it('names the field of each refusal and changes nothing', async () => {
    signInAs(quinn);
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ name: '' }, { name: 'is required' }],
      [{ name: 'Quinn', website: 'http://quinn.example' }, { website: 'must be an https:// address such as https://example.com' }],
      [{ name: 'Quinn', taxCountry: 'ZZ' }, { taxCountry: 'choose a country from the list (ISO 3166-1 code such as DE)' }],
      [{ name: 'Quinn', company: 'c'.repeat(200) }, { company: 'must be at most 120 characters' }],
    ];
    for (const [fields, errors] of cases) {
      expect(await saveProfile({ partnerId: quinnInB, ...fields })).toEqual({ ok: false, message: 'Some fields need attention.', fields: errors });
    }
    expect(await saveProfile({ partnerId: 'not-an-id', name: 'Quinn' })).toEqual({ ok: false, message: 'Some fields need attention.', fields: { partnerId: 'not found' } });
    expect(await auditRows(quinnInB)).toEqual([]);
  });

  it('a signed-out visitor is refused', async () => {
    session.current = null;
    expect(await saveProfile({ partnerId: patInA, name: 'X' })).toMatchObject({ ok: false, message: 'Your session has ended; sign in again.' });
  });
});
