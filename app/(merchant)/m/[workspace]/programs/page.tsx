import Link from 'next/link';
import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import { listPrograms } from '@/db/queries/programs';
import { loadWorkspaceConfig } from '@/db/queries/reward-state';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { ProgramForm } from '@/components/merchant/program-form';
import { categoryLabel, formatNumber } from '@/lib/format';
import { modelLabel, ruleSentence } from '@/lib/format-terms';
import { programUnitOptions } from './unit-options';

export default async function ProgramsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { scope } = await requireMerchant((await params).workspace);
  const db = getDb();
  const [programs, config] = await Promise.all([listPrograms(db, scope.workspaceId), loadWorkspaceConfig(db, scope.workspaceId)]);
  const canManage = roleCan(scope.role, 'manage');
  const base = `/m/${scope.workspaceSlug}/programs`;
  return (
    <>
      <PageHeader title="Programs" description="Each program has its own partners, reward unit, rules and terms. Open one to edit its terms, rules and scope." />
      <ReadOnlyNotice role={scope.role} />
      {programs.length === 0 ? (
        <EmptyState title="No programs yet">{canManage ? 'Create one below: an agency program, a referral program, a reseller tier…' : 'An owner or admin creates programs.'}</EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {programs.map((p) => (
            <Card key={p.id} className={p.status === 'archived' ? 'opacity-75' : ''}>
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <Link href={`${base}/${p.id}`} className="font-semibold text-slate-900 hover:text-brand-700 hover:underline">
                    {p.name}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {categoryLabel[p.category]} · paid in {p.unit} · {modelLabel[p.model as keyof typeof modelLabel] ?? p.model} · version {p.version}
                  </p>
                </div>
                <Badge tone={p.status === 'active' ? 'green' : 'slate'}>{p.status}</Badge>
              </div>
              <ul className="mt-3 space-y-0.5 text-sm text-slate-700">
                {p.rules.slice(0, 3).map((r, i) => (
                  <li key={i} className="truncate">• {ruleSentence(r, p.unit, config.units)}</li>
                ))}
                {p.rules.length > 3 ? <li className="text-xs text-slate-500">and {p.rules.length - 3} more</li> : null}
              </ul>
              <p className="mt-3 text-sm text-slate-600">
                {formatNumber(p.approvedPartners)} approved · {formatNumber(p.pendingPartners)} pending · {p.approvalMode === 'auto' ? 'auto-approval' : 'manual review'}
              </p>
              <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
                {p.joinPageEnabled && p.status === 'active' ? (
                  <span className="min-w-0 truncate">
                    Join page: <a className="text-brand-700" href={`/join/${scope.workspaceSlug}/${p.slug}`}>/join/{scope.workspaceSlug}/{p.slug}</a>
                  </span>
                ) : (
                  <span>No join page</span>
                )}
                <Link href={`${base}/${p.id}`} className="font-medium text-brand-700">
                  {canManage ? 'Edit terms →' : 'View terms →'}
                </Link>
              </div>
            </Card>
          ))}
        </div>
      )}
      {canManage ? (
        <Card title="New program" className="mt-8">
          <p className="mb-4 text-sm text-slate-500">Start with one rule; open the program afterwards to add rules, a scope and public terms.</p>
          <ProgramForm workspaceSlug={scope.workspaceSlug} units={programUnitOptions(config)} />
        </Card>
      ) : null}
    </>
  );
}
