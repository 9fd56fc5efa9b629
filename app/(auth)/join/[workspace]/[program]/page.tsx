import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { findJoinableProgram } from '@/db/queries/programs';
import { currentUser } from '@/lib/auth/guards';
import { JoinProgramForm } from '@/components/forms/auth-forms';
import { categoryLabel, describeRule } from '@/lib/format';

export const dynamic = 'force-dynamic';

export default async function JoinPage({ params }: { params: Promise<{ workspace: string; program: string }> }) {
  const { workspace, program: programSlug } = await params;
  const program = await findJoinableProgram(getDb(), workspace, programSlug);
  if (!program) notFound();
  const user = await currentUser();
  return (
    <>
      <p className="text-xs font-medium uppercase tracking-wide text-brand-600">{program.workspaceName} · {categoryLabel[program.category]}</p>
      <h1 className="mt-1 text-xl font-semibold">Join {program.name}</h1>
      {program.description ? <p className="mt-2 text-sm text-slate-600">{program.description}</p> : null}
      <ul className="my-5 space-y-1 rounded-md bg-slate-50 p-4 text-sm text-slate-700">
        {program.rules.map((r, i) => (
          <li key={i}>• {describeRule(r, program.unit)}</li>
        ))}
      </ul>
      <p className="mb-4 text-xs text-slate-500">
        {program.approvalMode === 'auto' ? 'Applications are approved at once.' : 'The team reviews each application.'}
      </p>
      <JoinProgramForm workspaceSlug={program.workspaceSlug} programSlug={program.programSlug} signedInAs={user?.email} />
    </>
  );
}
