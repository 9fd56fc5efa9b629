import type { ReactNode } from 'react';

// What every endpoint shares, said once before the operations. The figures come from the code
// (the page passes them), so the words cannot drift from what the wrapper enforces.

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} className="min-w-0 scroll-mt-20">
      <h2 className="mb-2 text-lg font-semibold text-slate-900">{title}</h2>
      <div className="flex flex-col gap-2 text-sm leading-relaxed text-slate-700">{children}</div>
    </section>
  );
}

const C = ({ children }: { children: ReactNode }) => <code className="rounded bg-slate-100 px-1 py-0.5 text-[0.85em] text-slate-800">{children}</code>;

const Pre = ({ children }: { children: string }) => (
  <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100"><code>{children}</code></pre>
);

export const INTRO_SECTIONS = [
  { id: 'authentication', title: 'Authentication' },
  { id: 'pagination', title: 'Pagination' },
  { id: 'errors', title: 'Errors' },
  { id: 'idempotency', title: 'Idempotency' },
  { id: 'rate-limits', title: 'Rate limits' },
  { id: 'webhooks', title: 'Webhooks' },
] as const;

export function Intro({ serverUrl, perMinute, idempotencyHours }: { serverUrl: string; perMinute: number; idempotencyHours: number }) {
  return (
    <div className="flex min-w-0 flex-col gap-8" data-testid="api-intro">
      <Section id="authentication" title="Authentication">
        <p>
          Create a key in <strong>Settings → API</strong> (owners and admins). It is shown once; we keep only its SHA-256 and its first
          characters (<C>pl_live_ab12…</C>) so you can tell keys apart. Send it on every request:
        </p>
        <Pre>{`Authorization: Bearer pl_live_…`}</Pre>
        <p>
          A <strong>read</strong> key may call every GET; a <strong>read-write</strong> key may also POST. A missing, unknown or revoked key is a{' '}
          <C>401</C>; a read key on a POST is a <C>403</C>. Keys belong to one workspace and see only its objects: another workspace’s id is a{' '}
          <C>404</C>, never a <C>403</C>. Changes made with a key are in the audit log under its name. The base URL is <C>{serverUrl}</C>.
        </p>
        <p>
          Bodies and answers are JSON with snake_case fields. Every object has an <C>id</C> and an <C>object</C> naming its kind. Money is a decimal
          string with its unit beside it (<C>{'"amount": "12.50", "unit": "USD"'}</C>), never a floating-point number; times are ISO 8601 in UTC.
          Creating answers <C>201</C>; updates (<C>POST /things/{'{id}'}</C>) and actions (<C>POST /things/{'{id}'}/approve</C>) answer <C>200</C>.
        </p>
      </Section>
      <Section id="pagination" title="Pagination">
        <p>
          Lists are newest first, in pages of <C>limit</C> objects (1 to 100, default 20). Pass the last id you received as{' '}
          <C>starting_after</C> for the next page; <C>has_more</C> says whether there is one, and <C>next_cursor</C> is that id.
          Filters are query parameters, listed with each operation.
        </p>
        <Pre>{`{ "object": "list", "data": [ … ], "has_more": true, "next_cursor": "8a6e…" }`}</Pre>
      </Section>
      <Section id="errors" title="Errors">
        <p>Every error has the same body; <C>field</C> names the input at fault as a dotted path (<C>rules.0.amount</C>), or the header.</p>
        <Pre>{`{ "error": { "code": "invalid_input", "message": "limit: must be at most 100", "field": "limit" } }`}</Pre>
        <p>
          <C>400</C> invalid input · <C>401</C> no or bad key · <C>403</C> read-only key · <C>404</C> not found in this workspace · <C>409</C>{' '}
          conflicts with the current state, or an Idempotency-Key reused with another body · <C>413</C> body over 1 MB · <C>422</C> well-formed
          but cannot be applied · <C>429</C> rate limited. Each operation lists the statuses it can answer.
        </p>
      </Section>
      <Section id="idempotency" title="Idempotency">
        <p>
          Send an <C>Idempotency-Key</C> header (a UUID) with every POST and retry with the same key after a timeout or a network error: the same key
          and body within {idempotencyHours} hours answer the first result again, byte for byte, with <C>Idempotent-Replayed: true</C>, and nothing is
          written twice, even when the two requests arrive at the same time. The same key with another body is a <C>409</C>.
        </p>
      </Section>
      <Section id="rate-limits" title="Rate limits">
        <p>
          Each key may make {perMinute.toLocaleString('en-US')} requests a minute. Every answer says where you stand; past the limit the answer is a{' '}
          <C>429</C> with <C>Retry-After</C> in seconds.
        </p>
        <Pre>{`RateLimit-Limit: ${perMinute}\nRateLimit-Remaining: ${Math.max(0, perMinute - 1)}\nRateLimit-Reset: 60\nRateLimit-Policy: ${perMinute};w=60`}</Pre>
      </Section>
      <Section id="webhooks" title="Webhooks">
        <p>
          To hear about changes instead of polling, set an endpoint in <strong>Settings → Webhooks</strong>. Each delivery carries{' '}
          <C>X-Webhook-Id</C> (deliveries are at least once: deduplicate on it) and <C>X-Signature: t=…,v1=…</C>, an HMAC-SHA256 of{' '}
          <C>{'"<t>.<raw body>"'}</C> with the endpoint’s secret. Failed deliveries are retried with growing delays and can be re-sent from the
          delivery log. Storefronts post orders to the signed events endpoint and Stripe and Shopify to their receivers, listed below.
        </p>
      </Section>
    </div>
  );
}
