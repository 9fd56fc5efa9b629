import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { findJoinableProgram } from '@/db/queries/programs';
import { listUnits } from '@/db/queries/units';
import { currentUser } from '@/lib/auth/guards';
import { JoinProgramForm } from '@/components/forms/auth-forms';
import { TermsSummary } from '@/components/programs/terms-summary';
import { categoryLabel } from '@/lib/format';

export const dynamic = 'force-dynamic';

export default async function JoinPage({ params }: { params: Promise<{ workspace: string; program: string }> }) {
  const { workspace, program: programSlug } = await params;
  const db = getDb();
  const program = await findJoinableProgram(db, workspace, programSlug);
  if (!program) notFound();
  const [user, units] = await Promise.all([currentUser(), listUnits(db, program.workspaceId)]);
  return (
    <>
      <p className="text-xs font-medium uppercase tracking-wide text-brand-600">{program.workspaceName} · {categoryLabel[program.category]}</p>
      <h1 className="mt-1 text-xl font-semibold">Join {program.name}</h1>
      {program.description ? <p className="mt-2 text-sm text-slate-600">{program.description}</p> : null}
      <div className="my-5 rounded-md bg-slate-50 p-4">
        <TermsSummary terms={program} units={units} compact />
      </div>
      <JoinProgramForm workspaceSlug={program.workspaceSlug} programSlug={program.programSlug} signedInAs={user?.email} />
    </>
  );
}
