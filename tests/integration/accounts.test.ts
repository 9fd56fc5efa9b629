import { describe, expect, it, vi } from 'vitest';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant, PASSWORD } from '../helpers/fixtures';
import { signUpMerchant, requestPasswordReset, resetPassword, verifyCredentials } from '../../lib/server/accounts';
import { joinProgram } from '../../lib/server/enrollments';
import { listEnrollmentsOfUser } from '../../db/queries/partners';
import { AppError } from '../../lib/errors';

const db = testDatabase();

describe('merchant sign-up', () => {
  it('creates the user, a workspace with a unique slug, and makes the user its owner', async () => {
    const a = await signUpMerchant(db, { name: 'A', email: `${uniq()}@x.test`, password: PASSWORD, workspaceName: 'Same Name Inc', baseCurrency: 'EUR' });
    const b = await signUpMerchant(db, { name: 'B', email: `${uniq()}@x.test`, password: PASSWORD, workspaceName: 'Same Name Inc', baseCurrency: 'USD' });
    expect(a.workspaceSlug).not.toBe(b.workspaceSlug);
    expect(b.workspaceSlug.startsWith('same-name-inc')).toBe(true);
  });

  it('refuses a second account for the same email, naming the field, and writes nothing', async () => {
    const email = `${uniq()}@x.test`;
    await signUpMerchant(db, { name: 'A', email, password: PASSWORD, workspaceName: 'First', baseCurrency: 'USD' });
    const err = await signUpMerchant(db, { name: 'A', email: email.toUpperCase(), password: PASSWORD, workspaceName: 'Second', baseCurrency: 'USD' }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('conflict');
    expect(err.fields).toHaveProperty('email');
  });

  it('verifies credentials only with the right password', async () => {
    const m = await createMerchant(db);
    expect(await verifyCredentials(db, m.email, PASSWORD)).toMatchObject({ id: m.userId });
    expect(await verifyCredentials(db, m.email, 'wrong-password!')).toBeUndefined();
  });
});

describe('partner joins through the public page', () => {
  it('creates a pending enrollment for a manual program and an approved one for an auto program', async () => {
    const manual = await createMerchant(db, { approvalMode: 'manual' });
    const auto = await createMerchant(db, { approvalMode: 'auto' });
    const email = `${uniq('partner')}@p.test`;
    const form = { name: 'Pat', company: '', email, password: PASSWORD };
    const first = await joinProgram(db, { workspaceSlug: manual.workspaceSlug, programSlug: manual.programSlug }, { form });
    expect(first).toMatchObject({ status: 'pending', alreadyEnrolled: false });
    // same account joins a second merchant's program: one user, two partner records
    const second = await joinProgram(db, { workspaceSlug: auto.workspaceSlug, programSlug: auto.programSlug }, { form });
    expect(second).toMatchObject({ status: 'approved', userId: first.userId });
    const mine = await listEnrollmentsOfUser(db, first.userId);
    expect(mine.map((e) => e.status).sort()).toEqual(['approved', 'pending']);
    // applying again changes nothing
    const again = await joinProgram(db, { workspaceSlug: auto.workspaceSlug, programSlug: auto.programSlug }, { signedInUserId: first.userId, email });
    expect(again.alreadyEnrolled).toBe(true);
  });

  it('does not let someone enrol an existing account without its password', async () => {
    const m = await createMerchant(db);
    const err = await joinProgram(db, { workspaceSlug: m.workspaceSlug, programSlug: m.programSlug }, {
      form: { name: 'Mallory', company: '', email: m.email, password: 'not-the-password' },
    }).catch((e) => e);
    expect(err).toMatchObject({ code: 'conflict' });
    expect(err.fields).toHaveProperty('password');
  });

  it('answers not_found for unknown programs and closed join pages', async () => {
    const m = await createMerchant(db);
    const err = await joinProgram(db, { workspaceSlug: m.workspaceSlug, programSlug: 'nope' }, { form: { name: 'x', company: '', email: `${uniq()}@p.test`, password: PASSWORD } }).catch((e) => e);
    expect(err).toMatchObject({ code: 'not_found' });
  });
});

describe('password reset', () => {
  it('emails a link (logged without SMTP) that works once and sets the new password', async () => {
    const m = await createMerchant(db);
    const log = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    await requestPasswordReset(db, m.email, 'http://app.test');
    const line = log.mock.calls.map((c) => String(c[0])).find((l) => l.includes(m.email));
    log.mockRestore();
    const token = line?.match(/token=([\w-]+)/)?.[1];
    expect(token).toBeTruthy();
    await resetPassword(db, token!, 'a-brand-new-password');
    expect(await verifyCredentials(db, m.email, 'a-brand-new-password')).toBeTruthy();
    expect(await verifyCredentials(db, m.email, PASSWORD)).toBeUndefined();
    await expect(resetPassword(db, token!, 'another-password-1')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('refuses an expired link', async () => {
    const m = await createMerchant(db);
    const log = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const past = new Date(Date.now() - 2 * 3600_000);
    await requestPasswordReset(db, m.email, 'http://app.test', past);
    const token = log.mock.calls.map((c) => String(c[0])).find((l) => l.includes(m.email))?.match(/token=([\w-]+)/)?.[1];
    log.mockRestore();
    await expect(resetPassword(db, token!, 'a-brand-new-password')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('says nothing about unknown emails', async () => {
    await expect(requestPasswordReset(db, `${uniq()}@nobody.test`, 'http://app.test')).resolves.toBeUndefined();
  });
});
