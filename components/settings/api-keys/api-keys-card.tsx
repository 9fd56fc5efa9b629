import Link from 'next/link';
import type { ApiKeyListRow } from '@/db/queries/api-keys';
import { formatDateTime } from '@/lib/time';
import { Badge, Card } from '@/components/ui/card';
import { NewApiKeyForm } from './new-key-form';
import { RevokeApiKeyButton } from './revoke-key-button';

const ACCESS_WORDS = { read: 'Read only', read_write: 'Read and write' } as const;

/**
 * Settings → API: the workspace's keys, live ones first. Owners and admins create and revoke;
 * other roles see the same list without the buttons. The key itself is never listed: only the
 * prefix kept to tell keys apart (`pl_live_ab12…`).
 */
export function ApiKeysCard({ keys, workspaceSlug, timeZone, canManage }: { keys: ApiKeyListRow[]; workspaceSlug: string; timeZone: string; canManage: boolean }) {
  const live = keys.filter((k) => !k.revokedAt).length;
  return (
    <Card title="API keys" action={<Badge tone={live ? 'green' : 'slate'}>{live} live</Badge>} className="lg:col-span-2">
      <p className="mb-4 text-sm text-slate-600">
        Call the REST API with <code className="text-xs">Authorization: Bearer &lt;key&gt;</code>. Read the{' '}
        <Link href="/developers/api" className="text-brand-700 hover:underline">API reference</Link> or load the{' '}
        <a href="/api/v1/openapi.json" className="text-brand-700 hover:underline">OpenAPI document</a> into your tools.
      </p>
      {keys.length === 0 ? (
        <p className="mb-4 rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">No API keys yet.</p>
      ) : (
        <ul className="mb-5 divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="api-keys">
          {keys.map((k) => (
            <li key={k.id} data-testid="api-key-row" data-prefix={k.prefix} className={`grid min-w-0 gap-3 px-4 py-3 text-sm md:grid-cols-[minmax(0,1.4fr)_minmax(0,2fr)_auto] md:items-center ${k.revokedAt ? 'bg-slate-50 text-slate-500' : ''}`}>
              <div className="min-w-0">
                <p className="break-words font-medium text-slate-900">{k.name}</p>
                <p className="flex flex-wrap items-center gap-2">
                  <code className="text-xs">{k.prefix}…</code>
                  <Badge tone={k.access === 'read_write' ? 'blue' : 'slate'}>{ACCESS_WORDS[k.access]}</Badge>
                  {k.revokedAt ? <Badge tone="red">revoked</Badge> : null}
                </p>
              </div>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-slate-600">
                <dt className="text-slate-400">Created</dt>
                <dd>{formatDateTime(k.createdAt, timeZone)}</dd>
                <dt className="text-slate-400">Last used</dt>
                <dd>{k.lastUsedAt ? formatDateTime(k.lastUsedAt, timeZone) : 'never'}</dd>
                {k.revokedAt ? (
                  <>
                    <dt className="text-slate-400">Revoked</dt>
                    <dd>{formatDateTime(k.revokedAt, timeZone)}</dd>
                  </>
                ) : null}
              </dl>
              <div className="md:justify-self-end">
                {canManage && !k.revokedAt ? <RevokeApiKeyButton workspaceSlug={workspaceSlug} keyId={k.id} name={k.name} /> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {canManage ? <NewApiKeyForm workspaceSlug={workspaceSlug} /> : null}
    </Card>
  );
}
