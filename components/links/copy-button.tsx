'use client';

import { useState } from 'react';

/** Copies `text` to the clipboard; says so for two seconds (and falls back to selecting it). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // clipboard access needs a secure context and permission; the text stays selectable
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  };
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={`${label}: ${text}`}
      className="inline-flex shrink-0 items-center rounded-md px-2 py-1 text-xs font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50"
    >
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy' : label}</span>
    </button>
  );
}

/** A block of code with a copy button, for snippets merchants paste into their own systems. */
export function CopyableCode({ code, label = 'Copy' }: { code: string; label?: string }) {
  return (
    <div className="relative">
      <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 pr-20 text-xs leading-relaxed text-slate-100"><code>{code}</code></pre>
      <div className="absolute right-2 top-2 rounded-md bg-white">
        <CopyButton text={code} label={label} />
      </div>
    </div>
  );
}
