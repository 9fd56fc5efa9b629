import { beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDatabase, uniq } from '../helpers/db';
import { createMerchant } from '../helpers/fixtures';
import { allowedDomainsOf } from '../../db/queries/workspaces';
import { loadSecret } from '../../lib/server/secrets';
import { auditLog } from '../../db/schema';
import { formOf, financeAndViewer } from '../helpers/actions';

// The payout, API, integration and tracking-domain actions are built with merchantAction: each
// resolves tenant and role before it parses anything. The real actions run; only the session is
// set by the test. Every row names the role group the action needs.

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string } } }));
vi.mock('../../lib/auth/index', () => ({ auth: async () => session.current, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { createPayoutBatchAction, settlePayoutAction } = await import('../../lib/actions/payouts');
const { rotateEventsSecretAction, saveWebhookEndpointAction } = await import('../../lib/actions/api-settings');
const { saveIntegrationSecretAction, removeIntegrationSecretAction } = await import('../../lib/actions/integrations');
const { saveAllowedDomainsAction } = await import('../../lib/actions/tracking-settings');

const db = testDatabase();
const form = formOf;
const signInAs = (user: { id: string; email: string }) => (session.current = { user: { id: user.id, email: user.email } });

type Result = { ok: boolean; message?: string; fields?: Record<string, string> };
interface Row {
  name: string;
  needs: 'finance' | 'manage';
  call: (slug: string) => Promise<Result>;
}

const NO_PAYOUT = '00000000-0000-4000-8000-000000000000';
const actions: Row[] = [
  { name: 'createPayoutBatchAction', needs: 'finance', call: (slug) => createPayoutBatchAction(slug, null, form({ reference: uniq('batch') })) },
  { name: 'settlePayoutAction', needs: 'finance', call: (slug) => settlePayoutAction(slug, null, form({ payoutId: NO_PAYOUT, outcome: 'paid', note: 'TRF' })) },
  { name: 'rotateEventsSecretAction', needs: 'manage', call: (slug) => rotateEventsSecretAction(slug) },
  { name: 'saveWebhookEndpointAction', needs: 'manage', call: (slug) => saveWebhookEndpointAction(slug, null, form({ url: 'https://hooks.example/in' })) },
  { name: 'saveIntegrationSecretAction', needs: 'manage', call: (slug) => saveIntegrationSecretAction(slug, 'stripe', null, form({ secret: 'whsec_action_test_secret' })) },
  { name: 'removeIntegrationSecretAction', needs: 'manage', call: (slug) => removeIntegrationSecretAction(slug, 'stripe') },
  { name: 'saveAllowedDomainsAction', needs: 'manage', call: (slug) => saveAllowedDomainsAction(slug, null, form({ domains: 'intruder.example' })) },
];

let a: Awaited<ReturnType<typeof createMerchant>>;
let b: Awaited<ReturnType<typeof createMerchant>>;
let finance: { id: string; email: string };
let viewer: { id: string; email: string };

beforeAll(async () => {
  a = await createMerchant(db);
  b = await createMerchant(db);
  ({ finance, viewer } = await financeAndViewer(db, b.scope.workspaceId));
});

const refusalFor = (role: string) => ({ ok: false, message: expect.stringMatching(new RegExp(`^Your role \\(${role}\\) cannot do this`)) });

describe.each(actions)('$name', (row) => {
  it("refuses another tenant's owner exactly like a workspace that does not exist", async () => {
    signInAs({ id: a.userId, email: a.email });
    expect(await row.call(b.workspaceSlug)).toMatchObject({ ok: false, message: 'Workspace not found.' });
    expect(await row.call('no-such-workspace')).toMatchObject({ ok: false, message: 'Workspace not found.' });
  });

  it('refuses a viewer, and a finance member unless it is a money action', async () => {
    signInAs(viewer);
    expect(await row.call(b.workspaceSlug)).toMatchObject(refusalFor('viewer'));
    signInAs(finance);
    const asFinance = await row.call(b.workspaceSlug);
    if (row.needs === 'manage') expect(asFinance).toMatchObject(refusalFor('finance'));
    else expect(asFinance.message ?? '').not.toMatch(/^Your role/);
  });

  it('tells a signed-out caller to sign in', async () => {
    session.current = null;
    expect(await row.call(b.workspaceSlug)).toMatchObject({ ok: false, message: expect.stringContaining('sign in') });
  });
});

describe('what the refusals left behind', () => {
  it("B's secrets and link domains are untouched by A's, the viewer's and finance's attempts", async () => {
    expect(await loadSecret(db, b.scope.workspaceId, 'events')).toBeUndefined();
    expect(await loadSecret(db, b.scope.workspaceId, 'outbound')).toBeUndefined();
    expect(await loadSecret(db, b.scope.workspaceId, 'stripe')).toBeUndefined();
    expect(await allowedDomainsOf(db, b.scope.workspaceId)).toEqual([]);
  });
});

describe('the settings services behind the actions', () => {
  it('creates the outbound secret the first time, keeps it on a URL change, replaces it only when asked', async () => {
    signInAs({ id: a.userId, email: a.email });
    const first = await saveWebhookEndpointAction(a.workspaceSlug, null, form({ url: 'https://hooks.example/one' }));
    expect(first).toMatchObject({ ok: true, data: { secret: expect.stringMatching(/^whsec_/) } });
    const secret = first.ok ? first.data?.secret : undefined;
    expect(await saveWebhookEndpointAction(a.workspaceSlug, null, form({ url: 'https://hooks.example/two' }))).toEqual({ ok: true, message: 'Endpoint saved; the signing secret is unchanged.' });
    expect(await loadSecret(db, a.scope.workspaceId, 'outbound')).toEqual({ secret, url: 'https://hooks.example/two' });
    const rotated = await saveWebhookEndpointAction(a.workspaceSlug, null, form({ url: 'https://hooks.example/two', rotate: 'on' }));
    expect(rotated).toMatchObject({ ok: true, data: { secret: expect.stringMatching(/^whsec_/) } });
    expect(rotated.ok && rotated.data?.secret).not.toBe(secret);
    expect((await loadSecret(db, a.scope.workspaceId, 'outbound'))?.secret).toBe(rotated.ok ? rotated.data?.secret : undefined);
  });

  it('saves and removes a provider secret, each with its audit row; a bad secret or provider names the field', async () => {
    signInAs({ id: a.userId, email: a.email });
    expect(await saveIntegrationSecretAction(a.workspaceSlug, 'stripe', null, form({ secret: 'not-a-whsec' }))).toMatchObject({ ok: false, fields: { secret: expect.stringContaining('whsec_') } });
    expect(await saveIntegrationSecretAction(a.workspaceSlug, 'paypal', null, form({ secret: 'whsec_whatever_value' }))).toMatchObject({ ok: false, fields: { kind: expect.any(String) } });
    expect(await saveIntegrationSecretAction(a.workspaceSlug, 'shopify', null, form({ secret: 'shpss_a_long_enough_secret' }))).toMatchObject({ ok: true, message: expect.stringMatching(/^Shopify secret saved/) });
    expect((await loadSecret(db, a.scope.workspaceId, 'shopify'))?.secret).toBe('shpss_a_long_enough_secret');
    expect(await removeIntegrationSecretAction(a.workspaceSlug, 'shopify')).toMatchObject({ ok: true, message: expect.stringMatching(/^Shopify disconnected/) });
    expect(await loadSecret(db, a.scope.workspaceId, 'shopify')).toBeUndefined();
    const audit = await db
      .select({ action: auditLog.action, subjectId: auditLog.subjectId, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, a.scope.workspaceId), eq(auditLog.subjectType, 'integration')));
    expect(audit.map((r) => r.action).sort()).toEqual(['integration.secret_removed', 'integration.secret_saved']);
    expect(audit.every((r) => r.subjectId === 'shopify' && r.actor === a.userId)).toBe(true);
  });

  it('saves allowed domains normalised and de-duplicated', async () => {
    signInAs({ id: a.userId, email: a.email });
    expect(await saveAllowedDomainsAction(a.workspaceSlug, null, form({ domains: 'Shop.Example, shop.example\nblog.example' }))).toEqual({ ok: true, message: 'Links may point to shop.example, blog.example.' });
    expect(await allowedDomainsOf(db, a.scope.workspaceId)).toEqual(['shop.example', 'blog.example']);
  });
});
