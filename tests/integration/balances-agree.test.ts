import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../helpers/db';
import { seedDemoWorkspace } from '../../scripts/seed/story';
import { partnerBalances, workspaceTotals } from '../../db/queries/balances';
import { workspaceBalances } from '../../lib/server/rewards/balances';
import { BALANCE_BUCKETS } from '../../lib/domain/ledger';
import { Decimal } from '../../lib/engine';

// The dashboards sum §5 buckets in SQL (db/queries/balances.ts); payouts and statements use the
// engine's balanceBucket over the stored entries. On the demo workspace (the seed `npm run dev`
// uses: paid, processing, failed and pending money in two units) both must give every partner the
// same amounts in every unit: now, as holds run out, and at a past time (entries written later do
// not count yet).

const db = testDatabase();
const DAY = 86_400_000;
const seededAt = new Date('2026-04-20T09:30:00Z');
let workspaceId: string;

const amounts = (row: Record<(typeof BALANCE_BUCKETS)[number], string>) =>
  Object.fromEntries(BALANCE_BUCKETS.map((b) => [b, new Decimal(row[b]).toFixed()]));

beforeAll(async () => {
  ({ workspaceId } = await seedDemoWorkspace(db, seededAt));
}, 600_000);

describe('balance buckets of the demo workspace', () => {
  for (const [label, at] of [
    ['a month before it was seeded', new Date(seededAt.getTime() - 30 * DAY)],
    ['when seeded', seededAt],
    ['a week later', new Date(seededAt.getTime() + 7 * DAY)],
    ['once every hold has run out', new Date(seededAt.getTime() + 60 * DAY)],
  ] as const) {
    it(`agree between SQL and the engine for every partner and unit ${label}`, async () => {
      const [sql, engine] = await Promise.all([partnerBalances(db, workspaceId, at), workspaceBalances(db, workspaceId, at)]);
      const key = (r: { partnerId: string | null; unit: string }) => `${r.partnerId} ${r.unit}`;
      const fromSql = new Map(sql.map((r) => [key(r), amounts(r)]));
      const fromEngine = new Map(engine.map((r) => [key(r), amounts(r)]));
      expect(fromEngine.size).toBeGreaterThan(5);
      expect([...fromSql.keys()].sort()).toEqual([...fromEngine.keys()].sort());
      for (const [k, buckets] of fromEngine) expect({ k, ...fromSql.get(k) }).toEqual({ k, ...buckets });

      const totals = await workspaceTotals(db, workspaceId, at);
      for (const t of totals) {
        const ofUnit = engine.filter((r) => r.unit === t.unit);
        for (const b of BALANCE_BUCKETS) {
          const sum = ofUnit.reduce((s, r) => s.plus(r[b]), new Decimal(0));
          expect({ unit: t.unit, bucket: b, amount: new Decimal(t[b]).toFixed() }).toEqual({ unit: t.unit, bucket: b, amount: sum.toFixed() });
        }
      }
    });
  }

  it('holds money in every bucket, so the comparison means something', async () => {
    const rows = await workspaceBalances(db, workspaceId, seededAt);
    for (const b of BALANCE_BUCKETS) expect(rows.some((r) => !new Decimal(r[b]).isZero()), b).toBe(true);
    expect(new Set(rows.map((r) => r.unit))).toEqual(new Set(['USD', 'points']));
  });
});
