import Link from 'next/link';
import type { Reference } from './reference';
import { Intro, INTRO_SECTIONS } from './intro';
import { Operation } from './operation';
import { Prose } from './prose';

function Nav({ reference }: { reference: Reference }) {
  return (
    <nav aria-label="API reference" className="flex flex-col gap-4 text-sm" data-testid="api-nav">
      <div>
        <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Basics</p>
        <ul className="flex flex-col gap-0.5">
          {INTRO_SECTIONS.map((s) => (
            <li key={s.id}><a href={`#${s.id}`} className="text-slate-700 hover:text-brand-700">{s.title}</a></li>
          ))}
        </ul>
      </div>
      {reference.tags.map((t) => (
        <div key={t.anchor}>
          <a href={`#${t.anchor}`} className="mb-1 block text-xs font-semibold uppercase tracking-wide text-slate-500 hover:text-brand-700">{t.name}</a>
          <ul className="flex flex-col gap-0.5">
            {t.operations.map((op) => (
              <li key={op.anchor} className="flex min-w-0 gap-2">
                <span className="w-9 shrink-0 font-mono text-[11px] leading-5 text-slate-400">{op.method}</span>
                <a href={`#${op.anchor}`} className="min-w-0 break-words text-slate-700 hover:text-brand-700">{op.summary}</a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

/**
 * The API reference: a nav of tags beside the basics and every operation. On a phone the nav folds
 * into a <details> above the content (no JavaScript needed to open it).
 */
export function ApiReference({ reference, perMinute, idempotencyHours }: { reference: Reference; perMinute: number; idempotencyHours: number }) {
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3 sm:px-6">
          <p className="flex items-baseline gap-2">
            <Link href="/" className="font-semibold text-brand-700">PartnerLedger</Link>
            <span className="text-sm text-slate-500">API reference · v{reference.version}</span>
          </p>
          <p className="flex gap-4 text-sm">
            <a href="/api/v1/openapi.json" className="text-brand-700 hover:underline" data-testid="openapi-link">OpenAPI 3.1 document</a>
            <Link href="/sign-in" className="text-slate-600 hover:text-slate-900">Sign in</Link>
          </p>
        </div>
      </header>
      <div className="mx-auto grid max-w-7xl gap-8 px-4 py-8 sm:px-6 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <aside className="min-w-0 lg:sticky lg:top-16 lg:max-h-[calc(100vh-5rem)] lg:overflow-y-auto">
          <details className="rounded-lg border border-slate-200 bg-white p-3 lg:hidden">
            <summary className="cursor-pointer text-sm font-medium text-slate-800">Contents</summary>
            <div className="mt-3"><Nav reference={reference} /></div>
          </details>
          <div className="hidden lg:block"><Nav reference={reference} /></div>
        </aside>
        <main className="flex min-w-0 flex-col gap-10">
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{reference.title}</h1>
            {reference.description ? <Prose text={reference.description} className="mt-2 max-w-3xl text-slate-600" /> : null}
          </div>
          <Intro serverUrl={reference.serverUrl} perMinute={perMinute} idempotencyHours={idempotencyHours} />
          {reference.tags.map((t) => (
            <section key={t.anchor} id={t.anchor} className="flex min-w-0 scroll-mt-20 flex-col gap-4" data-testid="api-tag">
              <h2 className="border-b border-slate-200 pb-2 text-xl font-semibold text-slate-900">{t.name}</h2>
              {t.operations.map((op) => <Operation key={op.anchor} op={op} />)}
            </section>
          ))}
          {reference.tags.length === 0 ? <p className="text-sm text-slate-500">No operations are published yet.</p> : null}
        </main>
      </div>
    </div>
  );
}
