import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getTableConfig, type PgEnum, type PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../db/schema';
import { ATTRIBUTION_MODELS, RULE_TYPES } from '../../lib/domain/programs';
import { attributionModelSchema, ruleTypeSchema } from '../../lib/validation/enums';
import { programFormSchema } from '../../lib/validation/program';

// The domain lists (lib/domain) are the one source of the Postgres enums; the committed migrations
// are what the database really holds. A list edited or reordered without a migration would make
// the two disagree (and a reordered enum compares differently in SQL): this catches it.

const migrationsDir = path.resolve(import.meta.dirname, '../../db/migrations');

function enumsInMigrations(): Map<string, string[]> {
  const enums = new Map<string, string[]>();
  for (const file of readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort()) {
    const sql = readFileSync(path.join(migrationsDir, file), 'utf8');
    for (const m of sql.matchAll(/CREATE TYPE "public"\."(\w+)" AS ENUM\(([^)]*)\)/g)) {
      enums.set(m[1], [...m[2].matchAll(/'([^']*)'/g)].map((v) => v[1]));
    }
    for (const m of sql.matchAll(/ALTER TYPE "public"\."(\w+)" ADD VALUE '([^']*)'(?: (BEFORE|AFTER) '([^']*)')?/g)) {
      const values = enums.get(m[1]) ?? [];
      if (!m[3]) values.push(m[2]);
      else values.splice(values.indexOf(m[4]) + (m[3] === 'AFTER' ? 1 : 0), 0, m[2]);
      enums.set(m[1], values);
    }
  }
  return enums;
}

const isPgEnum = (x: unknown): x is PgEnum<[string, ...string[]]> => typeof x === 'function' && 'enumName' in x && 'enumValues' in x;

describe('domain lists', () => {
  const exports: unknown[] = Object.values(schema);
  const schemaEnums = exports.filter(isPgEnum);

  it('are the enums the committed migrations create, value for value and in order', () => {
    const migrated = enumsInMigrations();
    expect(schemaEnums.length).toBeGreaterThan(15);
    for (const e of schemaEnums) expect([e.enumName, [...e.enumValues]]).toEqual([e.enumName, migrated.get(e.enumName)]);
    expect([...migrated.keys()].sort()).toEqual(schemaEnums.map((e) => e.enumName).sort());
  });

  it('back every enum column of the schema', () => {
    const tables = exports.filter((x): x is PgTable => typeof x === 'object' && x !== null && Symbol.for('drizzle:IsDrizzleTable') in x);
    const enumColumns = tables.flatMap((t) => getTableConfig(t).columns.filter((c) => c.columnType === 'PgEnumColumn'));
    expect(enumColumns.length).toBeGreaterThan(15);
    for (const c of enumColumns) expect(schemaEnums.map((e) => [...e.enumValues])).toContainEqual(c.enumValues);
  });

  it('are what the zod schemas accept', () => {
    expect(attributionModelSchema.options).toEqual([...ATTRIBUTION_MODELS]);
    expect(ruleTypeSchema.options).toEqual([...RULE_TYPES]);
    for (const ruleType of RULE_TYPES) {
      const form = { name: 'Refs', category: 'referral', unit: 'USD', ruleType, ruleValue: '10', milestoneName: 'go-live' };
      expect(programFormSchema.safeParse(form).success).toBe(true);
    }
    expect(programFormSchema.safeParse({ name: 'Refs', category: 'referral', unit: 'USD', ruleType: 'per_click', ruleValue: '10' }).success).toBe(false);
  });
});
