import type { OpenApiDocument, OpenApiOperation } from './openapi-types';
import { fieldsOf, refName, resolve, type FieldRow } from './schema-fields';
import { curlOf, nodeOf, snippetInputOf } from './snippets';

// The reference page's model, made from the served OpenAPI document alone: its tags in the
// document's order, and for each operation what the page shows (parameters, body and response
// fields, error statuses, examples). Pure, so the page and the tests read the same thing.

export interface ParamRow {
  name: string;
  in: string;
  type: string;
  required: boolean;
  description?: string;
  notes: string[];
}

export interface ReferenceOperation {
  anchor: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  /** read: any key; read_write: read-write keys; none: called without an API key */
  access: 'read' | 'read_write' | 'none';
  parameters: ParamRow[];
  body?: { schemaName?: string; fields: FieldRow[] };
  response?: { status: string; schemaName?: string; fields: FieldRow[] };
  errors: { status: string; description: string }[];
  curl: string;
  node: string;
}

export interface ReferenceTag {
  name: string;
  anchor: string;
  operations: ReferenceOperation[];
}

export interface Reference {
  title: string;
  version: string;
  description?: string;
  serverUrl: string;
  tags: ReferenceTag[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function paramRows(op: OpenApiOperation, components: Parameters<typeof fieldsOf>[1]): ParamRow[] {
  return (op.parameters ?? []).map((p) => {
    // a parameter's schema is a field of its own: reuse the field rows' type and notes
    const [row] = fieldsOf({ type: 'object', properties: { [p.name]: p.schema ?? {} }, required: p.required ? [p.name] : [] }, components);
    return { name: p.name, in: p.in, type: row?.type ?? 'string', required: p.in === 'path' || Boolean(p.required), description: p.description ?? row?.description, notes: row?.notes ?? [] };
  });
}

function operationOf(method: string, path: string, op: OpenApiOperation, doc: OpenApiDocument, serverUrl: string): ReferenceOperation {
  const components = doc.components?.schemas ?? {};
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const [okStatus, ok] = Object.entries(op.responses ?? {}).find(([status]) => /^2\d\d$/.test(status)) ?? [];
  const okSchema = ok?.content?.['application/json']?.schema;
  const nameOf = (s: typeof bodySchema) => (s?.$ref ? refName(s.$ref) : s ? resolve(s, components).name : undefined);
  const input = snippetInputOf(method, path, op, serverUrl, components);
  const noKey = Array.isArray(op.security) && op.security.length === 0;
  return {
    anchor: slug(op.operationId ?? `${method}-${path}`),
    method: method.toUpperCase(),
    path,
    summary: op.summary ?? `${method.toUpperCase()} ${path}`,
    description: op.description,
    access: noKey ? 'none' : op['x-access'] === 'read_write' || method !== 'get' ? 'read_write' : 'read',
    parameters: paramRows(op, components),
    body: bodySchema ? { schemaName: nameOf(bodySchema), fields: fieldsOf(bodySchema, components) } : undefined,
    response: okStatus ? { status: okStatus, schemaName: nameOf(okSchema), fields: fieldsOf(okSchema, components) } : undefined,
    errors: Object.entries(op.responses ?? {})
      .filter(([status]) => !/^2\d\d$/.test(status))
      .map(([status, r]) => ({ status, description: r.description ?? '' })),
    curl: curlOf(input),
    node: nodeOf(input),
  };
}

export function referenceOf(doc: OpenApiDocument): Reference {
  const serverUrl = doc.servers?.[0]?.url ?? '/api/v1';
  const tags = new Map<string, ReferenceOperation[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      if (!tags.has(tag)) tags.set(tag, []);
      tags.get(tag)!.push(operationOf(method, path, op, doc, serverUrl));
    }
  }
  return {
    title: doc.info.title,
    version: doc.info.version,
    description: doc.info.description,
    serverUrl,
    tags: [...tags].map(([name, operations]) => ({ name, anchor: `tag-${slug(name)}`, operations })),
  };
}
