import type { AuditChange } from '@/lib/explain/audit';

/**
 * The keys a change touched, before and after, folded under the sentence: a plain <details>, so
 * it opens without JavaScript and long values (rules, scopes) do not crowd the table.
 */
export function AuditChanges({ changes }: { changes: AuditChange[] }) {
  if (changes.length === 0) return null;
  return (
    <details className="group mt-1">
      <summary className="cursor-pointer select-none text-xs font-medium text-brand-700 hover:underline">
        {changes.length === 1 ? '1 change' : `${changes.length} changes`}
      </summary>
      <dl className="mt-2 grid gap-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-xs" data-testid="audit-changes">
        {changes.map((c) => (
          <div key={c.key} className="min-w-0">
            <dt className="font-medium text-slate-700">{c.label}</dt>
            <dd className="mt-0.5 grid gap-0.5 break-words sm:grid-cols-[auto_1fr] sm:gap-x-2">
              <span className="text-slate-400">before</span>
              <span className="text-slate-600 line-through decoration-slate-300">{c.before}</span>
              <span className="text-slate-400">after</span>
              <span className="text-slate-900">{c.after}</span>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
