import type { JsonSchema } from './openapi-types';

// Walks a JSON Schema of the document into rows a person reads: one row per field, nested fields
// as dotted paths (`rules[].amount`, `scope.include.products`), `$ref`s followed into the
// document's components, nullable unions folded into "or null", and each shape of a union listed
// under the value that picks it ("when type is milestone").

export interface FieldRow {
  /** `name`, `scope.include`, `rules[].amount` */
  path: string;
  depth: number;
  type: string;
  required: boolean;
  nullable: boolean;
  description?: string;
  /** allowed values, ranges, default, example */
  notes: string[];
  /** for a field of one shape of a union: which shape ("when type is milestone") */
  variant?: string;
}

type Components = Readonly<Record<string, JsonSchema>>;

const MAX_DEPTH = 8;
const DECIMAL_PATTERNS = new Set(['^-?\\d+(\\.\\d+)?$', '^\\d+(\\.\\d+)?$', '^-?\\d+(?:\\.\\d+)?$']);

export const refName = (ref: string) => ref.replace(/^#\/components\/schemas\//, '');

/** Follows `$ref`s to the schema itself; `name` is the last component it went through. */
export function resolve(schema: JsonSchema, components: Components): { schema: JsonSchema; name?: string } {
  let current = schema;
  let name: string | undefined;
  for (let hops = 0; current.$ref && hops < 10; hops++) {
    name = refName(current.$ref);
    const target = components[name];
    if (!target) break;
    // keep what the referring site adds (a description of this use of the schema)
    current = { ...target, ...without(current, '$ref') };
  }
  return { schema: current, name };
}

const isNull = (s: JsonSchema) => s.type === 'null';

function without(schema: JsonSchema, key: keyof JsonSchema): JsonSchema {
  const copy = { ...schema };
  delete copy[key];
  return copy;
}

/** `anyOf: [X, null]` or `type: [t, 'null']` as X with nullable set; other schemas unchanged. */
export function unwrapNullable(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  if (Array.isArray(schema.type) && schema.type.includes('null')) {
    const rest = schema.type.filter((t) => t !== 'null');
    return { schema: { ...schema, type: rest.length === 1 ? rest[0] : rest }, nullable: true };
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (options?.some(isNull)) {
      const others = options.filter((o) => !isNull(o));
      const outer = without(schema, key);
      if (others.length === 1) return { schema: { ...others[0], ...outer }, nullable: true };
      return { schema: { ...outer, [key]: others }, nullable: true };
    }
  }
  return { schema, nullable: false };
}

const unionOf = (s: JsonSchema) => s.oneOf ?? s.anyOf;

function baseType(schema: JsonSchema, name: string | undefined, components: Components): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const union = unionOf(schema);
  if (union && union.length > 1) return `one of ${union.length} shapes`;
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type;
  if (type === 'array') {
    const items = schema.items ? unwrapNullable(resolve(schema.items, components).schema) : undefined;
    const itemName = schema.items?.$ref ? refName(schema.items.$ref) : undefined;
    const shapes = items ? unionOf(items.schema) : undefined;
    if (!itemName && shapes && shapes.length > 1) return `array of objects (${shapes.length} shapes)`;
    return `array of ${itemName ?? (items ? baseType(items.schema, undefined, components) : 'anything')}`;
  }
  if (type === 'object' || schema.properties) return name ?? 'object';
  if (type === 'string') {
    if (schema.format === 'date-time') return 'string (ISO 8601 time)';
    if (schema.format === 'date') return 'string (date)';
    if (schema.format) return `string (${schema.format})`;
    if (schema.pattern && DECIMAL_PATTERNS.has(schema.pattern)) return 'string (decimal)';
    return 'string';
  }
  return type ?? (name ?? 'any');
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function range(lo: number | undefined, hi: number | undefined, unit: string, loExclusive = false): string | undefined {
  // zod's .int() bounds every integer by ±2^53−1: not a limit worth telling anyone
  const SAFE = Number.MAX_SAFE_INTEGER;
  if (lo !== undefined && lo <= -SAFE) lo = undefined;
  const hasHi = hi !== undefined && hi < SAFE;
  if (lo !== undefined && hasHi) return `${unit}${lo}${loExclusive ? ' (exclusive)' : ''} to ${hi}`;
  if (lo !== undefined) return loExclusive ? `${unit}more than ${lo}` : `${unit}at least ${lo}`;
  if (hasHi) return `${unit}at most ${hi}`;
  return undefined;
}

function notesOf(s: JsonSchema): string[] {
  const notes: string[] = [];
  if (s.enum?.length) notes.push(`one of: ${s.enum.map(show).join(', ')}`);
  const numbers = range(s.exclusiveMinimum ?? s.minimum, s.maximum, '', s.exclusiveMinimum !== undefined);
  if (numbers) notes.push(numbers);
  const length = range(s.minLength, s.maxLength, 'length ');
  if (length) notes.push(length);
  const count = range(s.minItems, s.maxItems, 'items ');
  if (count) notes.push(count);
  if (s.default !== undefined && s.default !== '') notes.push(`default: ${show(s.default)}`);
  const example = s.example ?? s.examples?.[0];
  if (example !== undefined && (typeof example !== 'object' || example === null)) notes.push(`example: ${show(example)}`);
  return notes;
}

/** The property whose constant value tells a union's shapes apart (`type`), when there is one. */
function discriminatorOf(shapes: JsonSchema[], components: Components): string | undefined {
  const resolved = shapes.map((s) => resolve(s, components).schema);
  const first = Object.entries(resolved[0]?.properties ?? {}).find(([, p]) => p.const !== undefined)?.[0];
  return first && resolved.every((s) => s.properties?.[first]?.const !== undefined) ? first : undefined;
}

interface Variant {
  label: string;
  /** the discriminating property, whose row the label already says */
  skip?: string;
}

/** Which shape of a union this is: "when type is milestone". */
function variantOf(shape: JsonSchema, name: string | undefined, index: number, discriminator: string | undefined): Variant {
  const value = discriminator ? shape.properties?.[discriminator]?.const : undefined;
  if (discriminator && value !== undefined) return { label: `when ${discriminator} is ${show(value)}`, skip: discriminator };
  return { label: name ? `as ${name}` : `shape ${index + 1}` };
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The rows of every field under a schema (the schema itself has no row). */
export function fieldsOf(schema: JsonSchema | undefined, components: Components): FieldRow[] {
  const rows: FieldRow[] = [];
  if (schema) childrenOf(schema, '', 0, components, rows, new Set(), undefined);
  return rows;
}

function childrenOf(input: JsonSchema, path: string, depth: number, components: Components, rows: FieldRow[], seen: ReadonlySet<string>, variant: Variant | undefined) {
  if (depth > MAX_DEPTH) return;
  const { schema: resolved, name } = resolve(input, components);
  if (name && seen.has(name)) return; // a recursive schema: its fields are listed above
  const stack = name ? new Set([...seen, name]) : seen;
  const { schema } = unwrapNullable(resolved);

  for (const part of schema.allOf ?? []) childrenOf(part, path, depth, components, rows, stack, variant);

  const required = new Set(schema.required ?? []);
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    if (variant?.skip === key) continue;
    fieldOf(prop, join(path, key), depth, required.has(key), components, rows, stack, variant?.label);
  }
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object' && !schema.properties && (extra.type || extra.$ref || unionOf(extra))) {
    fieldOf(extra, join(path, '<key>'), depth, false, components, rows, stack, variant?.label);
  }
  if (schema.items) childrenOf(schema.items, `${path}[]`, depth, components, rows, stack, variant);

  const union = unionOf(schema);
  if (union && union.length > 1) {
    const discriminator = discriminatorOf(union, components);
    union.forEach((shape, i) => {
      const r = resolve(shape, components);
      childrenOf(shape, path, depth, components, rows, stack, variantOf(r.schema, r.name, i, discriminator));
    });
  }
}

function fieldOf(input: JsonSchema, path: string, depth: number, required: boolean, components: Components, rows: FieldRow[], seen: ReadonlySet<string>, variant: string | undefined) {
  const { schema: resolved, name } = resolve(input, components);
  const { schema, nullable } = unwrapNullable(resolved);
  const shapes = unionOf(schema) ?? (schema.items ? unionOf(unwrapNullable(resolve(schema.items, components).schema).schema) : undefined);
  const discriminator = shapes && shapes.length > 1 ? discriminatorOf(shapes, components) : undefined;
  const kinds = discriminator ? shapes!.map((x) => show(resolve(x, components).schema.properties?.[discriminator]?.const)) : [];
  rows.push({
    path, depth, required, nullable, variant,
    type: baseType(schema, name, components),
    description: schema.description ?? resolved.description,
    notes: [...(kinds.length ? [`${discriminator}: ${kinds.join(', ')}`] : []), ...notesOf(schema)],
  });
  childrenOf(input, path, depth + 1, components, rows, seen, variant ? { label: variant } : undefined);
}
