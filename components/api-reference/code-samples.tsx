'use client';

import { useState } from 'react';
import { CopyableCode } from '@/components/links/copy-button';

/** An operation's curl and Node examples as two tabs, each with its own copy button. */
export function CodeSamples({ curl, node, name }: { curl: string; node: string; name: string }) {
  const [tab, setTab] = useState<'curl' | 'node'>('curl');
  const tabs = [
    { id: 'curl', label: 'curl' },
    { id: 'node', label: 'Node (fetch)' },
  ] as const;
  return (
    <div className="min-w-0" data-testid="code-samples">
      <div role="tablist" aria-label={`Examples of ${name}`} className="mb-2 flex gap-1">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            onClick={() => setTab(t.id)}
            className={`rounded-md px-2.5 py-1 text-xs font-medium ${tab === t.id ? 'bg-slate-900 text-white' : 'text-slate-600 ring-1 ring-slate-300 hover:bg-slate-50'}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" data-testid={`sample-${tab}`}>
        <CopyableCode code={tab === 'curl' ? curl : node} label={`Copy ${tab === 'curl' ? 'curl' : 'Node'}`} />
      </div>
    </div>
  );
}
