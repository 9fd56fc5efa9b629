import type { JsonSchema, OpenApiOperation, OpenApiParameter } from './openapi-types';
import { resolve, unwrapNullable } from './schema-fields';

// The copyable curl and Node examples of one operation, built from the operation itself: its
// method and path, its required parameters, the request body's own example (or one made from the
// schema), the key as an environment variable, and an Idempotency-Key on every POST.

type Components = Readonly<Record<string, JsonSchema>>;

const KEY_VAR = 'PARTNERLEDGER_API_KEY';

/** A value that satisfies the schema, for a body or parameter the document gives no example of. */
export function exampleOf(input: JsonSchema, components: Components, depth = 0): unknown {
  const { schema: resolved } = resolve(input, components);
  const { schema } = unwrapNullable(resolved);
  if (schema.example !== undefined) return schema.example;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined && schema.default !== null) return schema.default;
  if (depth > 6) return null;
  const union = schema.oneOf ?? schema.anyOf;
  if (union?.length) return exampleOf(union[0]!, components, depth + 1);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((p) => exampleOf(p, components, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties) {
    const required = new Set(schema.required ?? []);
    return Object.fromEntries(
      Object.entries(schema.properties ?? {})
        .filter(([k]) => required.has(k))
        .map(([k, v]) => [k, exampleOf(v, components, depth + 1)]),
    );
  }
  if (type === 'array') return schema.items ? [exampleOf(schema.items, components, depth + 1)] : [];
  if (type === 'integer' || type === 'number') return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
  if (type === 'boolean') return true;
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (schema.format === 'date-time') return '2026-01-31T12:00:00Z';
  if (schema.format === 'date') return '2026-01-31';
  if (schema.format === 'email') return 'ada@example.com';
  if (schema.format === 'uri' || schema.format === 'url') return 'https://example.com';
  if (schema.pattern?.includes('\\d+(')) return '10.00';
  return 'string';
}

const placeholder = (p: OpenApiParameter) => `<${p.name}>`;

/** The URL with path parameters as their example (or `<name>`) and the required query parameters (filters are optional: left out). */
export function exampleUrl(serverUrl: string, path: string, parameters: readonly OpenApiParameter[]): string {
  const filled = path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const p = parameters.find((x) => x.in === 'path' && x.name === name);
    const ex = p?.schema?.example;
    return ex !== undefined ? encodeURIComponent(String(ex)) : `<${name}>`;
  });
  const query = parameters
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(p.schema?.example ?? placeholder(p)))}`);
  return `${serverUrl}${filled}${query.length ? `?${query.join('&')}` : ''}`;
}

export interface SnippetInput {
  method: string;
  url: string;
  /** false for routes called without an API key (the provider webhooks, this document) */
  withKey: boolean;
  /** required headers besides the key and Idempotency-Key (a signature, a topic) */
  headers: string[];
  body?: unknown;
}

export function snippetInputOf(method: string, path: string, op: OpenApiOperation, serverUrl: string, components: Components): SnippetInput {
  const parameters = op.parameters ?? [];
  const media = op.requestBody?.content?.['application/json'];
  const body = media ? (media.example ?? (media.schema ? exampleOf(media.schema, components) : undefined)) : undefined;
  return {
    method: method.toUpperCase(),
    url: exampleUrl(serverUrl, path, parameters),
    withKey: !(Array.isArray(op.security) && op.security.length === 0),
    headers: parameters.filter((p) => p.in === 'header' && p.required && p.name.toLowerCase() !== 'idempotency-key').map((p) => p.name),
    body,
  };
}

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

export function curlOf(s: SnippetInput): string {
  const lines = [`curl${s.method === 'GET' ? '' : ` -X ${s.method}`} ${shellQuote(s.url)}`];
  if (s.withKey) lines.push(`-H "Authorization: Bearer $${KEY_VAR}"`);
  for (const h of s.headers) lines.push(`-H ${shellQuote(`${h}: <${h}>`)}`);
  if (s.body !== undefined) lines.push(`-H 'Content-Type: application/json'`);
  if (s.method === 'POST' && s.withKey) lines.push(`-H "Idempotency-Key: $(uuidgen)"`);
  if (s.body !== undefined) lines.push(`-d ${shellQuote(JSON.stringify(s.body, null, 2))}`);
  return lines.join(' \\\n  ');
}

export function nodeOf(s: SnippetInput): string {
  const headers: string[] = [];
  if (s.withKey) headers.push(`Authorization: \`Bearer \${process.env.${KEY_VAR}}\`,`);
  for (const h of s.headers) headers.push(`${JSON.stringify(h)}: ${JSON.stringify(`<${h}>`)},`);
  if (s.body !== undefined) headers.push(`'Content-Type': 'application/json',`);
  // one key per logical request: keep it to retry the same request safely
  if (s.method === 'POST' && s.withKey) headers.push(`'Idempotency-Key': crypto.randomUUID(),`);
  const options: string[] = [];
  if (s.method !== 'GET') options.push(`method: '${s.method}',`);
  if (headers.length) options.push('headers: {', ...headers.map((h) => `  ${h}`), '},');
  if (s.body !== undefined) {
    // the body's lines sit one level in, under `body:`
    options.push(`body: JSON.stringify(${JSON.stringify(s.body, null, 2).replaceAll('\n', '\n  ')}),`);
  }
  const call = options.length
    ? [`const res = await fetch(${JSON.stringify(s.url)}, {`, ...options.map((o) => `  ${o}`), '});']
    : [`const res = await fetch(${JSON.stringify(s.url)});`];
  return [
    ...call,
    'const body = await res.json();',
    // every error has the same shape: { error: { code, message, field? } }
    'if (!res.ok) throw new Error(`${res.status} ${body.error.code}: ${body.error.message}`);',
    'console.log(body);',
  ].join('\n');
}
