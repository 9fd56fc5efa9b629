import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireMerchant } from '@/lib/auth/guards';
import { roleCan } from '@/lib/domain/roles';
import { getDb } from '@/db/client';
import { findProgram } from '@/db/queries/programs';
import { findProgramVersion, listProgramVersions } from '@/db/queries/program-versions';
import { loadWorkspaceConfig } from '@/db/queries/reward-state';
import { scopeSuggestions } from '@/db/queries/scope-suggestions';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { ProgramEditor } from '@/components/programs/program-editor';
import { ProgramStatusForm } from '@/components/programs/program-status-form';
import { TermsSummary } from '@/components/programs/terms-summary';
import { VersionHistory } from '@/components/programs/version-history';
import { categoryLabel } from '@/lib/format';
import { formatDateTime } from '@/lib/time';
import { couponLabel, modelLabel } from '@/lib/format-terms';
import type { ProgramTermsSnapshot } from '@/lib/validation/program';
import type { SearchParams } from '@/lib/page-props';
import { programUnitOptions } from '../unit-options';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function Facts({ terms }: { terms: ProgramTermsSnapshot }) {
  const rows: [string, string][] = [
    ['Partner category', categoryLabel[terms.category] ?? terms.category],
    ['Reward unit', terms.unit],
    ['Attribution', modelLabel[terms.model as keyof typeof modelLabel] ?? terms.model],
    ['Window', `${terms.windowDays} days`],
    ['Coupons', couponLabel[terms.couponPrecedence as keyof typeof couponLabel] ?? terms.couponPrecedence],
    ['Hold', `${terms.holdDays} days`],
    ['Approval', terms.approvalMode === 'auto' ? 'automatic' : 'reviewed'],
    ['Join page', terms.joinPageEnabled ? 'on' : 'off'],
  ];
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="font-medium text-slate-800">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function ProgramPage({ params, searchParams }: { params: Promise<{ workspace: string; programId: string }>; searchParams: SearchParams }) {
  const { workspace, programId } = await params;
  const { scope } = await requireMerchant(workspace);
  if (!UUID.test(programId)) notFound();
  const db = getDb();
  const program = await findProgram(db, scope.workspaceId, programId);
  if (!program) notFound();
  const asked = Number((await searchParams).version);
  const [versions, config, suggestions, shown] = await Promise.all([
    listProgramVersions(db, scope.workspaceId, programId),
    loadWorkspaceConfig(db, scope.workspaceId),
    scopeSuggestions(db, scope.workspaceId),
    Number.isInteger(asked) && asked > 0 && asked !== program.version ? findProgramVersion(db, scope.workspaceId, programId, asked) : undefined,
  ]);
  const canManage = roleCan(scope.role, 'manage');
  const base = `/m/${scope.workspaceSlug}/programs/${program.id}`;
  const current: ProgramTermsSnapshot = { ...program };
  const terms = shown?.terms ?? current;
  return (
    <>
      <Link href={`/m/${scope.workspaceSlug}/programs`} className="text-sm text-brand-700">← Programs</Link>
      <PageHeader
        title={program.name}
        description={`${categoryLabel[program.category] ?? program.category} · paid in ${program.unit} · version ${program.version} in force`}
        action={<Badge tone={program.status === 'active' ? 'green' : 'slate'}>{program.status}</Badge>}
      />
      <ReadOnlyNotice role={scope.role} />
      {program.status === 'archived' ? (
        <p className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-800">
          Archived: this program pays nothing on new events and takes no new partners.
        </p>
      ) : null}
      {shown ? (
        <p className="mb-4 rounded-md border border-brand-200 bg-brand-50 px-4 py-2 text-sm text-brand-800" data-testid="version-banner">
          Version {shown.version} of {program.version}, saved {formatDateTime(shown.createdAt, scope.timeZone)}
          {shown.createdByEmail ? ` by ${shown.createdByEmail}` : ''}: rewards computed with it were paid by these terms.{' '}
          <Link href={base} className="font-medium underline">Back to the terms in force</Link>
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          {canManage && !shown ? (
            <Card title={`Terms · version ${program.version}`}>
              <ProgramEditor
                workspaceSlug={scope.workspaceSlug}
                program={program}
                units={programUnitOptions(config)}
                suggestions={suggestions}
              />
            </Card>
          ) : (
            <Card title={shown ? `Terms · version ${shown.version}` : `Terms · version ${program.version}`}>
              <div className="flex flex-col gap-6">
                <Facts terms={terms} />
                <TermsSummary terms={terms} units={config.units} />
              </div>
            </Card>
          )}
        </div>
        <div className="flex min-w-0 flex-col gap-6">
          {canManage && !shown ? (
            <Card title="What partners read">
              <TermsSummary terms={current} units={config.units} compact />
              {program.joinPageEnabled && program.status === 'active' ? (
                <p className="mt-4 truncate text-xs text-slate-500">
                  Join page: <a className="text-brand-700" href={`/join/${scope.workspaceSlug}/${program.slug}`}>/join/{scope.workspaceSlug}/{program.slug}</a>
                </p>
              ) : (
                <p className="mt-4 text-xs text-slate-500">The join page is off.</p>
              )}
            </Card>
          ) : null}
          <Card title="Versions">
            <VersionHistory versions={versions} current={program.version} hrefOf={(v) => (v === program.version ? base : `${base}?version=${v}`)} units={config.units} timeZone={scope.timeZone} />
          </Card>
          {canManage ? (
            <Card title={program.status === 'active' ? 'Archive' : 'Restore'}>
              <ProgramStatusForm workspaceSlug={scope.workspaceSlug} programId={program.id} status={program.status} />
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
