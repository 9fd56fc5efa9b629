import Link from 'next/link';
import type { ExplainSection, Line } from '@/lib/explain/types';

const toneClass: Record<NonNullable<Line['tone']> | 'plain', string> = {
  plain: 'text-slate-800',
  good: 'text-slate-800',
  refused: 'text-amber-800',
  muted: 'text-slate-500',
};
const marker: Record<NonNullable<Line['tone']> | 'plain', string> = {
  plain: 'bg-slate-300',
  good: 'bg-emerald-500',
  refused: 'bg-amber-500',
  muted: 'bg-slate-200',
};

/**
 * Plain-words explanation sections (lib/explain) as cards of sentences. A sentence about another
 * ledger entry links to it; by default relatively, which lands on the sibling entry page in the
 * console (/m/…/ledger/<id>) and in the portal (/p/earnings/<id>) alike.
 */
export function ExplainSections({
  sections,
  entryHref = (id) => id,
  entryLinkLabel = 'Why?',
  columns = true,
}: {
  sections: ExplainSection[];
  entryHref?: (entryId: string) => string;
  entryLinkLabel?: string;
  columns?: boolean;
}) {
  return (
    <div className={`grid min-w-0 gap-4 ${columns ? 'lg:grid-cols-2' : ''}`}>
      {sections.map((s) => (
        <section key={s.key} data-testid={`explain-${s.key}`} className="min-w-0 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 className="mb-3 text-sm font-semibold text-slate-800">{s.title}</h2>
          <ul className="space-y-2 text-sm leading-relaxed">
            {s.lines.map((line, i) => {
              const tone = line.tone ?? 'plain';
              return (
                <li key={i} className={`flex gap-2.5 break-words ${toneClass[tone]}`}>
                  <span aria-hidden className={`mt-2 h-1.5 w-1.5 shrink-0 rounded-full ${marker[tone]}`} />
                  <span className="min-w-0">
                    {line.text}
                    {line.entryId ? (
                      <>
                        {' '}
                        <Link href={entryHref(line.entryId)} className="whitespace-nowrap font-medium text-brand-700 hover:underline">
                          {line.entryLabel ?? entryLinkLabel}
                        </Link>
                      </>
                    ) : null}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
