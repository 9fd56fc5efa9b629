import { requirePartner } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { listEnrollmentsOfUser } from '@/db/queries/partners';
import { Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { categoryLabel, formatDate } from '@/lib/format';

const tone = { approved: 'green', pending: 'amber', suspended: 'red', rejected: 'slate' } as const;

export default async function PartnerHome() {
  const { user } = await requirePartner();
  const enrollments = await listEnrollmentsOfUser(getDb(), user.id);
  return (
    <>
      <PageHeader title="My programs" description="Programs you applied to, across every merchant you work with." />
      {enrollments.length === 0 ? (
        <EmptyState title="You have not joined a program yet">Open a merchant&apos;s join link to apply.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-4 py-2.5 font-medium">Merchant</th>
                <th className="px-4 py-2.5 font-medium">Program</th>
                <th className="px-4 py-2.5 font-medium">Paid in</th>
                <th className="px-4 py-2.5 font-medium">Status</th>
                <th className="px-4 py-2.5 font-medium">Applied</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {enrollments.map((e) => (
                <tr key={e.enrollmentId}>
                  <td className="px-4 py-2.5">{e.workspaceName}</td>
                  <td className="px-4 py-2.5 font-medium">{e.programName} <span className="text-xs text-slate-500">{categoryLabel[e.programCategory]}</span></td>
                  <td className="px-4 py-2.5">{e.unit}</td>
                  <td className="px-4 py-2.5">
                    <Badge tone={tone[e.status]}>{e.status}</Badge>
                    {/* the merchant's words with its latest decision (why rejected or suspended) */}
                    {e.reason ? <p className="mt-1 max-w-xs break-words text-xs text-slate-600" data-testid="enrollment-reason">{e.reason}</p> : null}
                  </td>
                  <td className="px-4 py-2.5">{formatDate(e.appliedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
