import Link from 'next/link';
import type { PartnerEnrollmentRow } from '@/db/queries/partner-detail';
import { categoryLabel, formatDate, type UnitPrecision } from '@/lib/format';
import { ruleSentence } from '@/lib/format-terms';
import { Card } from '../ui/card';
import { EnrollmentDecision } from '../merchant/enrollment-decision';
import { EnrollmentTermsForm } from '../rules/enrollment-terms-form';
import { EnrollmentStatusBadge } from './enrollment-status';

/**
 * Each enrollment of the partner: status with the last decision and its reason, the terms that pay
 * (the program's, or the partner's special agreement), and for managers the decision and terms forms.
 */
export function EnrollmentsSection({
  workspaceSlug,
  enrollments,
  canManage,
  units,
}: {
  workspaceSlug: string;
  enrollments: PartnerEnrollmentRow[];
  canManage: boolean;
  units: readonly UnitPrecision[];
}) {
  return (
    <Card title={`Enrollments (${enrollments.length})`}>
      {enrollments.length === 0 ? (
        <p className="text-sm text-slate-500">This partner is in no program.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-100">
          {enrollments.map((e) => {
            const special = e.rules !== null;
            const rules = e.rules ?? e.programRules;
            return (
              <li key={e.enrollmentId} className="flex flex-col gap-4 py-4 first:pt-0 last:pb-0" data-testid={`enrollment-${e.programName}`}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <Link href={`/m/${workspaceSlug}/programs/${e.programId}`} className="font-medium text-slate-900 hover:underline">
                      {e.programName}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {categoryLabel[e.programCategory] ?? e.programCategory} · paid in {e.programUnit} · applied {formatDate(e.appliedAt)}
                      {e.programStatus === 'archived' ? ' · program archived' : ''}
                    </p>
                  </div>
                  <EnrollmentStatusBadge status={e.status} />
                </div>
                {e.lastChangeAt && e.status !== 'pending' ? (
                  <p className="text-sm text-slate-600">
                    {e.status[0].toUpperCase() + e.status.slice(1)} on {formatDate(e.lastChangeAt)}
                    {e.lastReason ? <>: <q className="text-slate-800">{e.lastReason}</q> (shown to the partner)</> : '.'}
                  </p>
                ) : null}
                <div className="flex flex-col gap-1">
                  <p className="text-sm font-medium text-slate-700">{special ? 'Special terms for this partner' : 'Follows the program’s terms'}</p>
                  <ul className="list-disc pl-5 text-sm text-slate-600" data-testid="terms-in-force">
                    {rules.map((r, i) => <li key={i}>{ruleSentence(r, e.programUnit, units)}</li>)}
                  </ul>
                </div>
                {canManage ? (
                  <div className="grid grid-cols-1 items-start gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
                    <div className="min-w-0 rounded-md border border-slate-200 p-3">
                      <p className="mb-2 text-sm font-medium text-slate-700">Decision</p>
                      <EnrollmentDecision workspaceSlug={workspaceSlug} enrollmentId={e.enrollmentId} status={e.status} programName={e.programName} />
                    </div>
                    <details className="min-w-0 rounded-md border border-slate-200 p-3" open={special}>
                      <summary className="cursor-pointer text-sm font-medium text-slate-700">Edit terms for this partner</summary>
                      <div className="mt-3">
                        <EnrollmentTermsForm workspaceSlug={workspaceSlug} enrollmentId={e.enrollmentId} unit={e.programUnit} rules={e.rules} programRules={e.programRules} />
                      </div>
                    </details>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
