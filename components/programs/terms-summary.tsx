import { attributionSentences, ruleSentence, scopeSentences } from '@/lib/format-terms';
import type { UnitPrecision } from '@/lib/format';
import type { ProgramTermsSnapshot } from '@/lib/validation/program';

export type SummaryTerms = Pick<ProgramTermsSnapshot, 'unit' | 'rules' | 'scope' | 'model' | 'windowDays' | 'couponPrecedence' | 'holdDays' | 'approvalMode' | 'terms'>;

/**
 * A program's terms in plain words: what a partner earns (one sentence per rule), on which order
 * lines, how credit is shared, when money is payable, and the merchant's own terms text. The join
 * page, the program page and its versions all show terms through this.
 */
export function TermsSummary({ terms, units, compact = false }: { terms: SummaryTerms; units?: readonly UnitPrecision[]; compact?: boolean }) {
  return (
    <div className="flex flex-col gap-4 text-sm text-slate-700" data-testid="terms-summary">
      <div>
        <h3 className={`mb-1.5 font-semibold text-slate-800 ${compact ? 'text-xs uppercase tracking-wide text-slate-500' : 'text-sm'}`}>What partners earn</h3>
        {terms.rules.length ? (
          <ul className="space-y-1">
            {terms.rules.map((r, i) => (
              <li key={i} className="flex gap-2">
                <span className="text-slate-400">{i + 1}.</span>
                <span>{ruleSentence(r, terms.unit, units)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-500">No reward rules.</p>
        )}
        <p className="mt-1.5 text-xs text-slate-500">Paid in {terms.unit}. {scopeSentences(terms.scope).join(' ')}</p>
      </div>
      <div>
        <h3 className={`mb-1.5 font-semibold text-slate-800 ${compact ? 'text-xs uppercase tracking-wide text-slate-500' : 'text-sm'}`}>How credit and payment work</h3>
        <ul className="list-disc space-y-1 pl-5">
          {attributionSentences(terms).map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </div>
      {terms.terms ? (
        <div>
          <h3 className={`mb-1.5 font-semibold text-slate-800 ${compact ? 'text-xs uppercase tracking-wide text-slate-500' : 'text-sm'}`}>Program terms</h3>
          <p className="whitespace-pre-line text-slate-600">{terms.terms}</p>
        </div>
      ) : null}
    </div>
  );
}
