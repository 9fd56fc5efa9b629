import Link from 'next/link';
import type { EnrollmentStatus } from '@/lib/domain/enrollments';
import { Badge } from '../ui/card';

export const enrollmentTone = { approved: 'green', pending: 'amber', suspended: 'red', rejected: 'slate' } as const satisfies Record<EnrollmentStatus, string>;

export function EnrollmentStatusBadge({ status }: { status: EnrollmentStatus }) {
  return <Badge tone={enrollmentTone[status]}>{status}</Badge>;
}

const tagTone: Record<EnrollmentStatus, string> = {
  approved: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  pending: 'bg-amber-50 text-amber-800 ring-amber-200',
  suspended: 'bg-red-50 text-red-800 ring-red-200',
  rejected: 'bg-slate-50 text-slate-600 ring-slate-200',
};

/** A partner's programs as tags, each coloured and labelled by the enrollment's status. */
export function ProgramTags({ programs, hrefFor }: { programs: { programId: string; name: string; status: EnrollmentStatus }[]; hrefFor?: (programId: string) => string }) {
  if (programs.length === 0) return <span className="text-xs text-slate-400">no program</span>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {programs.map((p) => {
        const body = (
          <>
            {p.name} <span className="opacity-70">· {p.status}</span>
          </>
        );
        return (
          <li key={p.programId} className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs ring-1 ${tagTone[p.status]}`}>
            {hrefFor ? <Link href={hrefFor(p.programId)} className="hover:underline">{body}</Link> : body}
          </li>
        );
      })}
    </ul>
  );
}
