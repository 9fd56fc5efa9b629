import { formatDate } from '@/lib/time';
import { Badge } from '@/components/ui/card';

export interface EnrollmentRow {
  enrollmentId: string;
  name: string;
  status: 'pending' | 'approved' | 'rejected' | 'suspended';
  appliedAt: Date;
  decidedAt: Date | null;
  reason: string | null;
}

const tone = { approved: 'green', pending: 'amber', suspended: 'red', rejected: 'slate' } as const;
const statusWords = { pending: 'pending review', rejected: 'rejected', suspended: 'suspended', approved: 'approved' } as const;

/**
 * Every program the partner applied to with this merchant and where the application stands, with
 * the merchant's own words about its latest decision (why rejected or suspended).
 */
export function EnrollmentsTable({ rows, timeZone }: { rows: EnrollmentRow[]; timeZone: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="enrollments">
        <caption className="sr-only">Your programs and applications</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">Program</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Status</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Applied</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Decided</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((e) => (
            <tr key={e.enrollmentId}>
              <td className="px-4 py-2.5 font-medium">{e.name}{e.status === 'approved' ? <a href={`#terms-${e.enrollmentId}`} className="ml-2 whitespace-nowrap text-xs font-normal text-brand-700 hover:underline">terms ↓</a> : null}</td>
              <td className="px-4 py-2.5">
                <Badge tone={tone[e.status]}>{statusWords[e.status]}</Badge>
                {/* the merchant's words with its latest decision (why rejected or suspended) */}
                {e.reason ? <p className="mt-1 max-w-xs break-words text-xs text-slate-600" data-testid="enrollment-reason">{e.reason}</p> : null}
              </td>
              <td className="whitespace-nowrap px-4 py-2.5">{formatDate(e.appliedAt, timeZone)}</td>
              <td className="whitespace-nowrap px-4 py-2.5">{e.status === 'pending' || !e.decidedAt ? '—' : formatDate(e.decidedAt, timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
