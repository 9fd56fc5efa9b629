import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant, PASSWORD } from '../helpers/fixtures';
import { joinProgram } from '../../lib/server/enrollments';
import { loadSecret } from '../../lib/server/secrets';
import { allowedDomainsOf } from '../../db/queries/workspaces';
import { links } from '../../db/schema';
import { listPartnerEnrollments } from '../../db/queries/partners';
import { formOf } from '../helpers/actions';

// Every settings and link action checks the session's tenant itself: the slug or id it is given
// is only a request. The real actions run; only the signed-in user is set by the test.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { rotateEventsSecretAction, saveWebhookEndpointAction } = await import('../../lib/actions/api-settings');
const { saveAllowedDomainsAction } = await import('../../lib/actions/tracking-settings');
const { saveIntegrationSecretAction, removeIntegrationSecretAction } = await import('../../lib/actions/integrations');
const { createPartnerLinkAction } = await import('../../lib/actions/links');

const db = testDatabase();
const form = formOf;
const signInAs = (id: string, email: string) => (session.current = { user: { id, email } });

let a: Awaited<ReturnType<typeof createMerchant>>;
let b: Awaited<ReturnType<typeof createMerchant>>;
let partnerOfB: { userId: string; email: string; enrollmentId: string };

beforeAll(async () => {
  a = await createMerchant(db);
  b = await createMerchant(db, { approvalMode: 'auto' });
  const email = `${uniq('pb')}@p.test`;
  const joined = await joinProgram(db, { workspaceSlug: b.workspaceSlug, programSlug: b.programSlug }, { form: { name: 'P', company: '', email, password: PASSWORD } });
  const { rows } = await listPartnerEnrollments(db, b.scope.workspaceId, { page: 1, pageSize: 5, sort: 'name', dir: 'asc' });
  partnerOfB = { userId: joined.userId, email, enrollmentId: rows[0].enrollmentId };
  signInAs(b.userId, b.email);
  expect(await saveAllowedDomainsAction(b.workspaceSlug, null, form({ domains: 'shop-b.example' }))).toMatchObject({ ok: true });
});

describe('tenant isolation of settings and links', () => {
  it("A cannot create or rotate B's secrets, set B's webhook endpoint or B's link domains", async () => {
    signInAs(a.userId, a.email);
    expect(await rotateEventsSecretAction(b.workspaceSlug)).toMatchObject({ ok: false, message: 'Workspace not found.' });
    expect(await saveWebhookEndpointAction(b.workspaceSlug, null, form({ url: 'https://evil.example/hook' }))).toMatchObject({ ok: false, message: 'Workspace not found.' });
    expect(await saveAllowedDomainsAction(b.workspaceSlug, null, form({ domains: 'evil.example' }))).toMatchObject({ ok: false, message: 'Workspace not found.' });
    expect(await saveIntegrationSecretAction(b.workspaceSlug, 'stripe', null, form({ secret: 'whsec_evil_secret_value' }))).toMatchObject({ ok: false, message: 'Workspace not found.' });
    expect(await removeIntegrationSecretAction(b.workspaceSlug, 'stripe')).toMatchObject({ ok: false, message: 'Workspace not found.' });
    expect(await loadSecret(db, b.scope.workspaceId, 'events')).toBeUndefined();
    expect(await loadSecret(db, b.scope.workspaceId, 'outbound')).toBeUndefined();
    expect(await loadSecret(db, b.scope.workspaceId, 'stripe')).toBeUndefined();
    expect(await allowedDomainsOf(db, b.scope.workspaceId)).toEqual(['shop-b.example']);
  });

  it('the owner can, and the secret is shown once and stored encrypted', async () => {
    signInAs(b.userId, b.email);
    const rotated = await rotateEventsSecretAction(b.workspaceSlug);
    expect(rotated).toMatchObject({ ok: true, data: { secret: expect.stringMatching(/^whsec_/) } });
    expect((await loadSecret(db, b.scope.workspaceId, 'events'))?.secret).toBe(rotated.ok ? rotated.data?.secret : undefined);
    expect(await saveWebhookEndpointAction(b.workspaceSlug, null, form({ url: 'not a url' }))).toMatchObject({ ok: false, fields: { url: expect.any(String) } });
  });

  it("a partner creates links only through its own approved enrollments, on the merchant's domains", async () => {
    signInAs(a.userId, a.email);
    expect(await createPartnerLinkAction(null, form({ enrollmentId: partnerOfB.enrollmentId, destinationUrl: 'https://shop-b.example/' }))).toMatchObject({ ok: false, message: 'Program not found.' });
    signInAs(partnerOfB.userId, partnerOfB.email);
    expect(await createPartnerLinkAction(null, form({ enrollmentId: partnerOfB.enrollmentId, destinationUrl: 'https://evil.example/' }))).toMatchObject({ ok: false, fields: { destinationUrl: expect.any(String) } });
    const made = await createPartnerLinkAction(null, form({ enrollmentId: partnerOfB.enrollmentId, destinationUrl: 'https://shop-b.example/landing' }));
    expect(made).toMatchObject({ ok: true });
    const rows = await db.select().from(links).where(eq(links.workspaceId, b.scope.workspaceId));
    expect(rows.map((r) => r.destinationUrl)).toEqual(['https://shop-b.example/landing']);
  });
});
