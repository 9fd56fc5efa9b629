import { beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { formOf } from '../helpers/actions';
import { insertUser } from '../../db/queries/users';
import { insertPartner } from '../../db/queries/partners';
import { listPayoutDetailsOfPartners, partnersWithPayoutDetails } from '../../db/queries/payout-details';
import { loadPayoutDetailsForExport, maskedPayoutDetails } from '../../lib/server/payout-details';

// Payout details end to end below the page: the real portal action (only the session is set by the
// test), encryption at rest, the masked console view, the exports' whole view, tenancy and the
// audit row written in the change's own transaction.

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { savePayoutDetailsAction } = await import('../../lib/actions/payout-details');

const db = testDatabase();
const signInAs = (user: { id: string; email: string }) => (session.current = { user: { id: user.id, email: user.email } });
const save = (fields: Record<string, string>) => savePayoutDetailsAction(null, formOf(fields));

const IBAN = 'DE89370400440532013000';
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
  quinnInB = (await insertPartner(db, b.scope.workspaceId, { email: quinn.email, name: 'Quinn', userId: quinn.id })).id;
});

async function storedRow(partnerId: string) {
  const { rows } = await db.execute<{ method: string; details_encrypted: string; masked: string; xmin: string; updated_by: string | null }>(
    sql`select method, details_encrypted, masked, xmin::text as xmin, updated_by from payout_details where partner_id = ${partnerId}`,
  );
  return rows[0];
}

async function auditRows(partnerId: string) {
  const { rows } = await db.execute<{ action: string; actor_user_id: string | null; before: unknown; after: unknown; xmin: string; row_text: string; workspace_id: string }>(
    sql`select action, actor_user_id, before, after, xmin::text as xmin, a::text as row_text, workspace_id
        from audit_log a where subject_type = 'payout_details' and subject_id = ${partnerId} order by seq`,
  );
  return rows;
}

describe('saving payout details in the portal', () => {
  it('stores a bank account encrypted, shows it masked and exports it whole', async () => {
    signInAs(pat);
    const result = await save({
      partnerId: patInA, method: 'bank_transfer', accountHolder: 'Pat Partner', holderType: 'private', country: 'DE',
      accountFormat: 'iban', iban: 'de89 3704 0044 0532 0130 00', bic: 'cobadeffxxx',
    });
    expect(result).toMatchObject({ ok: true, message: 'Payout details saved: Bank transfer · DE89 •••• 3000 · P. Partner.' });

    const row = await storedRow(patInA);
    expect(row.method).toBe('bank_transfer');
    expect(row.updated_by).toBe(pat.id);
    // encrypted at rest: neither the IBAN (in any grouping) nor the BIC nor the holder appear in the column
    for (const plain of [IBAN, 'DE89 3704', 'COBADEFFXXX', 'Pat Partner']) expect(row.details_encrypted).not.toContain(plain);
    expect(row.details_encrypted).toMatch(/^v1\./);
    expect(row.masked).not.toContain('3704');

    const whole = await loadPayoutDetailsForExport(db, a.scope.workspaceId, [patInA]);
    expect(whole.get(patInA)).toEqual({ method: 'bank_transfer', accountHolder: 'Pat Partner', holderType: 'private', country: 'DE', iban: IBAN, bic: 'COBADEFFXXX' });
    const masked = await maskedPayoutDetails(db, a.scope.workspaceId, [patInA]);
    expect(masked.get(patInA)).toMatchObject({ method: 'bank_transfer', masked: 'Bank transfer · DE89 •••• 3000 · P. Partner' });
  });

  it('keeps one version per workspace: a second save replaces the first, other workspaces keep theirs', async () => {
    signInAs(pat);
    expect(await save({ partnerId: patInB, method: 'paypal', email: 'pat.partner@example.com' })).toMatchObject({ ok: true });
    expect(await save({ partnerId: patInB, method: 'wise', email: 'pat@wise.example', accountHolder: 'Pat Partner', holderType: 'private' })).toMatchObject({ ok: true });
    const inB = await loadPayoutDetailsForExport(db, b.scope.workspaceId, [patInB, quinnInB]);
    expect([...inB.entries()]).toEqual([[patInB, { method: 'wise', email: 'pat@wise.example', accountHolder: 'Pat Partner', holderType: 'private' }]]);
    expect((await loadPayoutDetailsForExport(db, a.scope.workspaceId, [patInA])).get(patInA)?.method).toBe('bank_transfer');
    expect(await partnersWithPayoutDetails(db, b.scope.workspaceId, [patInB, quinnInB])).toEqual(new Set([patInB]));
    // the portal lists both of Pat's records with their own summaries
    const portal = await listPayoutDetailsOfPartners(db, [patInA, patInB]);
    expect(portal.map((r) => [r.partnerId, r.masked]).sort()).toEqual(
      [[patInA, 'Bank transfer · DE89 •••• 3000 · P. Partner'], [patInB, 'Wise · p•••@wise.example · P. Partner']].sort(),
    );
  });

  it('masks every method', async () => {
    signInAs(quinn);
    const cases: [Record<string, string>, string][] = [
      [{ method: 'paypal', email: 'quinn@example.com' }, 'PayPal · q•••@example.com'],
      [{ method: 'wise', email: 'quinn@example.com', accountHolder: 'Quinn Q. Doe', holderType: 'private' }, 'Wise · q•••@example.com · Q. Q. Doe'],
      [{ method: 'wise', email: 'quinn@example.com', accountHolder: 'Quinn Studio', holderType: 'business' }, 'Wise · q•••@example.com · Quinn Studio'],
      [
        { method: 'bank_transfer', accountHolder: 'Quinn Ltd', holderType: 'business', country: 'GB', accountFormat: 'local', accountNumber: '31926819', routingCode: '60-16-13' },
        'Bank transfer · GB account ••••6819 · Quinn Ltd',
      ],
      [
        { method: 'bank_transfer', accountHolder: 'Quinn Doe', holderType: 'private', country: 'US', accountFormat: 'local', accountNumber: '000123456789', routingCode: '021000021', accountType: 'savings' },
        'Bank transfer · US account ••••6789 · Q. Doe',
      ],
      [{ method: 'other', instructions: 'Payoneer account 4455-6677, please' }, 'Other · written instructions (34 characters)'],
    ];
    for (const [fields, expected] of cases) {
      expect(await save({ partnerId: quinnInB, ...fields })).toMatchObject({ ok: true });
      expect((await maskedPayoutDetails(db, b.scope.workspaceId, [quinnInB])).get(quinnInB)?.masked).toBe(expected);
      expect((await storedRow(quinnInB)).details_encrypted).not.toContain(fields.email ?? fields.accountNumber ?? fields.instructions);
    }
    expect((await loadPayoutDetailsForExport(db, b.scope.workspaceId, [quinnInB])).get(quinnInB)).toEqual({ method: 'other', instructions: 'Payoneer account 4455-6677, please' });
  });

  it('names each bad field and stores nothing', async () => {
    signInAs(quinn);
    const before = await storedRow(quinnInB);
    const refused: [Record<string, string>, Record<string, string>][] = [
      [{ method: 'paypal', email: 'not-an-email' }, { email: 'must be an email address such as jane@example.com' }],
      [
        { method: 'bank_transfer', accountHolder: 'Quinn Doe', holderType: 'private', country: 'DE', accountFormat: 'iban', iban: 'DE89 3704 0044 0532 0130 01', bic: 'DEUT' },
        { iban: 'the checksum does not match — check for a typo', bic: 'must be 8 or 11 letters and digits, e.g. DEUTDEFF or DEUTDEFF500' },
      ],
      [
        { method: 'bank_transfer', accountHolder: 'Quinn Doe', holderType: 'private', country: 'FR', accountFormat: 'iban', iban: IBAN },
        { country: 'does not match the IBAN, which is a DE account' },
      ],
      [
        { method: 'bank_transfer', accountHolder: '', holderType: 'private', country: 'US', accountFormat: 'local', accountNumber: '12', routingCode: '021000022' },
        { accountHolder: 'is required (the name on the account)', accountNumber: 'must be 4 to 17 digits', routingCode: 'the check digit does not match — check for a typo', accountType: 'choose checking or savings' },
      ],
      [{ method: 'wise', email: 'q@example.com' }, { accountHolder: 'is required', holderType: 'choose private person or business' }],
      [{ method: 'other', instructions: ' ' }, { instructions: 'is required: say how you want to be paid' }],
      [{ method: 'cheque' }, { method: 'choose how you want to be paid' }],
    ];
    for (const [fields, errors] of refused) {
      const result = await save({ partnerId: quinnInB, ...fields });
      expect(result).toEqual({ ok: false, message: 'Some fields need attention.', fields: errors });
    }
    expect(await storedRow(quinnInB)).toEqual(before);
  });
});

describe('whose details a partner may save', () => {
  it("refuses another partner's record, a workspace the partner is not in, and unknown ids alike", async () => {
    const quinnBefore = await storedRow(quinnInB);
    const auditBefore = (await auditRows(quinnInB)).length;
    signInAs(pat);
    for (const partnerId of [quinnInB, randomUUID()]) {
      expect(await save({ partnerId, method: 'paypal', email: 'thief@example.com' })).toEqual({ ok: false, message: 'Partner not found.' });
    }
    // Quinn is in no workspace with A: A's records are not Quinn's to write
    signInAs(quinn);
    expect(await save({ partnerId: patInA, method: 'paypal', email: 'thief@example.com' })).toEqual({ ok: false, message: 'Partner not found.' });
    expect(await storedRow(quinnInB)).toEqual(quinnBefore);
    expect(await auditRows(quinnInB)).toHaveLength(auditBefore);
    expect((await loadPayoutDetailsForExport(db, a.scope.workspaceId, [patInA])).get(patInA)?.method).toBe('bank_transfer');
  });

  it('asks a signed-out visitor to sign in', async () => {
    session.current = null;
    expect(await save({ partnerId: patInA, method: 'paypal', email: 'x@example.com' })).toMatchObject({ ok: false, message: expect.stringContaining('sign in') });
  });

  it("never shows one workspace another's details", async () => {
    expect((await maskedPayoutDetails(db, b.scope.workspaceId, [patInA])).size).toBe(0);
    expect((await loadPayoutDetailsForExport(db, b.scope.workspaceId, [patInA])).size).toBe(0);
  });

  it('reads thousands of partners in chunks', async () => {
    const many = [...Array.from({ length: 2500 }, () => randomUUID()), patInB, quinnInB, patInB];
    expect([...(await loadPayoutDetailsForExport(db, b.scope.workspaceId, many)).keys()].sort()).toEqual([patInB, quinnInB].sort());
  });
});

describe('the audit log', () => {
  it('records every save in the same transaction, with masked summaries only', async () => {
    signInAs(pat);
    const first = await save({ partnerId: patInA, method: 'paypal', email: 'pat.partner@example.com' });
    expect(first.ok).toBe(true);
    const row = await storedRow(patInA);
    const rows = await auditRows(patInA);
    const last = rows.at(-1)!;
    // one transaction id for the change and its audit row
    expect(last.xmin).toBe(row.xmin);
    expect(last).toMatchObject({
      action: 'payout_details.updated', actor_user_id: pat.id, workspace_id: a.scope.workspaceId,
      before: { method: 'bank_transfer', masked: 'Bank transfer · DE89 •••• 3000 · P. Partner' },
      after: { method: 'paypal', masked: 'PayPal · p•••@example.com' },
    });
    expect(rows[0].before).toBeNull();
    for (const r of rows) {
      for (const plain of [IBAN, 'COBADEFF', 'pat.partner@example.com']) expect(r.row_text).not.toContain(plain);
    }
    // Quinn's six saves and Pat's two in B: one row each
    expect(await auditRows(quinnInB)).toHaveLength(6);
    expect(await auditRows(patInB)).toHaveLength(2);
  });
});
