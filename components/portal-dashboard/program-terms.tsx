import type { UnitPrecision } from '@/lib/format';
import { categoryLabel } from '@/lib/format';
import type { RewardRule } from '@/lib/validation/program';
import { Badge } from '@/components/ui/card';
import { TermsSummary, type SummaryTerms } from '@/components/programs/terms-summary';

export type EnrolledProgram = Omit<SummaryTerms, 'rules'> & {
  enrollmentId: string;
  status: 'pending' | 'approved' | 'rejected' | 'suspended';
  name: string;
  category: string;
  programStatus: string;
  rules: RewardRule[];
  /** the partner's special agreement, replacing the program's rules when set */
  ownRules: RewardRule[] | null;
};

/**
 * One program the partner works in, with its terms in the join page's own words (TermsSummary) —
 * the partner's own rules when the merchant agreed special terms with it.
 */
export function ProgramTermsCard({ program, units, merchant }: { program: EnrolledProgram; units: readonly UnitPrecision[]; merchant: string }) {
  const own = program.ownRules !== null;
  return (
    <section id={`terms-${program.enrollmentId}`} className="min-w-0 scroll-mt-20 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid={`program-${program.name}`}>
      <header className="mb-3 flex flex-wrap items-center gap-2">
        <h3 className="min-w-0 break-words text-base font-semibold text-slate-900">{program.name}</h3>
        <span className="text-xs text-slate-500">{categoryLabel[program.category] ?? program.category}</span>
        {program.status === 'suspended' ? <Badge tone="red">suspended</Badge> : null}
        {program.programStatus !== 'active' ? <Badge tone="slate">program {program.programStatus}</Badge> : null}
      </header>
      {own ? <p className="mb-3 rounded-md bg-brand-50 px-3 py-2 text-xs text-brand-700">Your own terms, agreed with {merchant}: they replace the program&apos;s rules for you.</p> : null}
      <TermsSummary terms={{ ...program, rules: program.ownRules ?? program.rules }} units={units} compact />
    </section>
  );
}
