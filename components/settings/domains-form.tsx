'use client';

import { ActionForm } from '../forms/action-form';
import { saveAllowedDomainsAction } from '@/lib/actions/tracking-settings';

export function AllowedDomainsForm({ workspaceSlug, domains }: { workspaceSlug: string; domains: string[] }) {
  return (
    <ActionForm action={saveAllowedDomainsAction.bind(null, workspaceSlug)} submitLabel="Save domains" className="flex flex-col gap-3">
      {(f) => (
        <div className="flex flex-col gap-1">
          <label htmlFor="f-domains" className="text-sm font-medium text-slate-700">Allowed destination domains</label>
          <textarea id="f-domains" name="domains" rows={3} defaultValue={domains.join('\n')} className="rounded-md border border-slate-300 px-3 py-2 text-sm" aria-invalid={f.domains || f['domains.0'] ? true : undefined} />
          <p className="text-xs text-slate-500">One host per line, e.g. shop.example.com; its subdomains are allowed too. Removing a host stops existing links to it at once.</p>
          {Object.entries(f).filter(([k]) => k.startsWith('domains')).map(([k, v]) => <p key={k} className="text-xs text-red-600">{v}</p>)}
        </div>
      )}
    </ActionForm>
  );
}
