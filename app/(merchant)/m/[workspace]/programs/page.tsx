import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import { listPrograms } from '@/db/queries/programs';
import { listUnits } from '@/db/queries/units';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ProgramForm } from '@/components/merchant/program-form';
import { categoryLabel } from '@/lib/format';

export default async function ProgramsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { scope } = await requireMerchant((await params).workspace);
  const db = getDb();
  const [programs, units] = await Promise.all([listPrograms(db, scope.workspaceId), listUnits(db, scope.workspaceId)]);
  const canManage = roleCan(scope.role, 'manage');
  return (
    <>
      <PageHeader title="Programs" description="Each program has its own partners, reward unit, rules and terms." />
      {programs.length === 0 ? (
        <EmptyState title="No programs yet">Create one below: an agency program, a referral program, a reseller tier…</EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {programs.map((p) => (
            <Card key={p.id}>
              <div className="flex items-start justify-between gap-3">
                <div>
                  <p className="font-semibold text-slate-900">{p.name}</p>
                  <p className="text-xs text-slate-500">{categoryLabel[p.category]} · paid in {p.unit} · {p.model.replace('_', ' ')}</p>
                </div>
                <Badge tone={p.status === 'active' ? 'green' : 'slate'}>{p.status}</Badge>
              </div>
              <p className="mt-3 text-sm text-slate-600">
                {p.approvedPartners} approved · {p.pendingPartners} pending · {p.approvalMode === 'auto' ? 'auto-approval' : 'manual review'}
              </p>
              {p.joinPageEnabled ? (
                <p className="mt-2 truncate text-xs text-slate-500">
                  Join page: <a className="text-brand-700" href={`/join/${scope.workspaceSlug}/${p.slug}`}>/join/{scope.workspaceSlug}/{p.slug}</a>
                </p>
              ) : null}
            </Card>
          ))}
        </div>
      )}
      {canManage ? (
        <Card title="New program" className="mt-8">
          <ProgramForm
            workspaceSlug={scope.workspaceSlug}
            units={[
              ...[scope.baseCurrency, ...['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD'].filter((c) => c !== scope.baseCurrency)].map((c) => ({
                value: c,
                label: c,
              })),
              ...units.map((u) => ({ value: u.key, label: `${u.label} (${u.key})` })),
            ]}
          />
        </Card>
      ) : null}
    </>
  );
}
