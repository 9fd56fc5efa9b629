'use client';

import { useState } from 'react';
import { ActionForm } from '../forms/action-form';
import { Field, SelectField } from '../ui/field';
import { createGroupAction, updateGroupAction } from '@/lib/actions/groups';
import type { GroupStrategy } from '@/lib/domain/programs';
import { describeGroup, strategyHints, strategyLabels } from './group-words';
import { TiersEditor, type TierProgram } from './tiers-editor';

export interface EditableGroup {
  id: string;
  name: string;
  strategy: GroupStrategy;
  programIds: string[];
}

const strategyOptions = Object.entries(strategyLabels).map(([value, label]) => ({ value, label }));

function GroupFields({ f, group, programs, baseCurrency }: { f: Record<string, string>; group?: EditableGroup; programs: TierProgram[]; baseCurrency: string }) {
  const [strategy, setStrategy] = useState<GroupStrategy>(group?.strategy ?? 'highest_rank');
  const [tiers, setTiers] = useState<string[]>(group?.programIds ?? []);
  const names = tiers.map((id) => programs.find((p) => p.id === id)?.name ?? 'Unknown program');
  return (
    <>
      {group ? <input type="hidden" name="groupId" value={group.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Group name" name="name" defaultValue={group?.name} required error={f.name} />
        <div className="flex flex-col gap-1">
          <SelectField
            label="Which program pays"
            name="strategy"
            value={strategy}
            onChange={(e) => setStrategy(e.target.value as GroupStrategy)}
            options={strategyOptions}
            error={f.strategy}
          />
          <p className="text-xs text-slate-500">{strategyHints[strategy]}</p>
        </div>
      </div>
      <TiersEditor programs={programs} tiers={tiers} onChange={setTiers} groupId={group?.id ?? null} error={f.programIds} />
      <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="group-words">{describeGroup(strategy, names, baseCurrency)}</p>
    </>
  );
}

/** Create a group, or edit one: name, strategy and tiers are saved together. */
export function GroupForm({ workspaceSlug, group, programs, baseCurrency }: { workspaceSlug: string; group?: EditableGroup; programs: TierProgram[]; baseCurrency: string }) {
  const action = group ? updateGroupAction.bind(null, workspaceSlug) : createGroupAction.bind(null, workspaceSlug);
  return (
    <ActionForm action={action} submitLabel={group ? 'Save group' : 'Create group'}>
      {(f) => <GroupFields f={f} group={group} programs={programs} baseCurrency={baseCurrency} />}
    </ActionForm>
  );
}
