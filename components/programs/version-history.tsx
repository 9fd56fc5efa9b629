import Link from 'next/link';
import { describeTermsChanges } from '@/lib/format-terms';
import type { UnitPrecision } from '@/lib/format';
import { formatDateTime } from '@/lib/time';
import type { ProgramTermsSnapshot } from '@/lib/validation/program';

export interface VersionItem {
  version: number;
  terms: ProgramTermsSnapshot;
  createdAt: Date;
  createdByEmail: string | null;
}

/** Every version of a program's terms, newest first, each with what it changed and a link to read it whole. */
export function VersionHistory({ versions, current, hrefOf, units, timeZone }: { versions: VersionItem[]; current: number; hrefOf: (version: number) => string; units?: readonly UnitPrecision[]; timeZone?: string }) {
  return (
    <ol className="flex flex-col gap-3" data-testid="version-history">
      {versions.map((v, i) => {
        const previous = versions[i + 1];
        const changes = previous ? describeTermsChanges(previous.terms, v.terms, units) : [];
        return (
          <li key={v.version} className="border-l-2 border-slate-200 pl-3">
            <div className="flex flex-wrap items-baseline justify-between gap-x-3">
              <Link href={hrefOf(v.version)} className="text-sm font-medium text-brand-700">
                Version {v.version}
                {v.version === current ? ' (in force)' : ''}
              </Link>
              <span className="text-xs text-slate-500">
                {formatDateTime(v.createdAt, timeZone)}
                {v.createdByEmail ? ` · ${v.createdByEmail}` : ''}
              </span>
            </div>
            {previous ? (
              changes.length ? (
                <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
                  {changes.map((c) => (
                    <li key={c} className="break-words">{c}</li>
                  ))}
                </ul>
              ) : (
                <p className="mt-1 text-xs text-slate-500">No change to the terms.</p>
              )
            ) : (
              <p className="mt-1 text-xs text-slate-500">{v.version === 1 ? 'The program as created.' : 'Earlier versions are not listed.'}</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
