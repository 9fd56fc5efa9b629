import type { ReactNode } from 'react';
import type { ReferenceOperation } from './reference';
import { CodeSamples } from './code-samples';
import { FieldsList, ParamsList } from './fields-list';
import { Prose } from './prose';

const METHOD_TONES: Record<string, string> = {
  GET: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  POST: 'bg-brand-50 text-brand-700 ring-brand-100',
};

const ACCESS_WORDS = {
  read: 'Any key (read or read-write)',
  read_write: 'Read-write keys only',
  none: 'No API key: signed by the caller or public',
} as const;

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <h4 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      {children}
    </div>
  );
}

/** One operation: what it does, who may call it, what it reads and answers, and how it fails. */
export function Operation({ op }: { op: ReferenceOperation }) {
  return (
    <article id={op.anchor} className="min-w-0 scroll-mt-20 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid="operation" data-operation={op.anchor}>
      <header className="mb-3 min-w-0">
        <h3 className="text-base font-semibold text-slate-900">
          <a href={`#${op.anchor}`} className="hover:underline">{op.summary}</a>
        </h3>
        <p className="mt-1 flex min-w-0 flex-wrap items-center gap-2">
          <span className={`rounded px-1.5 py-0.5 font-mono text-xs font-semibold ring-1 ${METHOD_TONES[op.method] ?? 'bg-slate-100 text-slate-800 ring-slate-200'}`}>{op.method}</span>
          <code className="break-all font-mono text-sm text-slate-800">/api/v1{op.path}</code>
        </p>
        <p className="mt-1 text-xs text-slate-500" data-testid="operation-access">{ACCESS_WORDS[op.access]}</p>
      </header>
      {op.description ? <Prose text={op.description} className="mb-4 text-sm text-slate-700" /> : null}
      <div className="grid min-w-0 gap-5 xl:grid-cols-2">
        <div className="flex min-w-0 flex-col gap-5">
          {op.parameters.length ? <Part title="Parameters"><ParamsList rows={op.parameters} /></Part> : null}
          {op.body ? (
            <Part title={`Request body${op.body.schemaName ? ` · ${op.body.schemaName}` : ''}`}>
              <FieldsList rows={op.body.fields} testId="body-fields" />
            </Part>
          ) : null}
          {op.response ? (
            <Part title={`Response ${op.response.status}${op.response.schemaName ? ` · ${op.response.schemaName}` : ''}`}>
              {/* folded: an object's fields are long and repeat across its operations */}
              <details className="group">
                <summary className="cursor-pointer select-none text-sm font-medium text-brand-700 hover:underline">
                  {op.response.fields.length === 1 ? '1 field' : `${op.response.fields.length} fields`}
                </summary>
                <div className="mt-2"><FieldsList rows={op.response.fields} testId="response-fields" /></div>
              </details>
            </Part>
          ) : null}
        </div>
        <div className="flex min-w-0 flex-col gap-5">
          <Part title="Example">
            <CodeSamples curl={op.curl} node={op.node} name={op.summary} />
          </Part>
          {op.errors.length ? (
            <Part title="Errors">
              <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm" data-testid="errors">
                {op.errors.map((e) => (
                  <li key={e.status} className="flex min-w-0 gap-3 px-3 py-2">
                    <code className="shrink-0 font-mono font-semibold text-red-700">{e.status}</code>
                    <Prose text={e.description} className="min-w-0 text-slate-600" />
                  </li>
                ))}
              </ul>
            </Part>
          ) : null}
        </div>
      </div>
    </article>
  );
}
