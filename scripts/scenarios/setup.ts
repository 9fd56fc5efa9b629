import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import {
  coupons, enrollments, fxRates, links, payoutMinimums, poolPrograms, pools, programGroupMembers, programGroups, units,
} from '../../db/schema';
import { insertWorkspace } from '../../db/queries/workspaces';
import { insertProgram } from '../../db/queries/programs';
import { insertEnrollment, insertPartner } from '../../db/queries/partners';
import { programScopeSchema, rewardRulesSchema } from '../../lib/validation/program';
import type { Scenario } from './format';

/** Scenario keys mapped to the records created for them. */
export interface ScenarioIds {
  workspaceId: string;
  programs: Map<string, string>;
  partners: Map<string, string>;
  pools: Map<string, string>;
  enrollments: Map<string, string>;
}

// Enrollments listed in a scenario exist before its story starts.
const BEFORE_THE_STORY = new Date('2000-01-01T00:00:00Z');

/** Creates the scenario's workspace and configuration through the same tables the console writes. */
export async function setUpScenario(db: Database, s: Scenario): Promise<ScenarioIds> {
  return db.transaction(async (tx) => {
    const ws = await insertWorkspace(tx, { slug: `scenario-${Date.now().toString(36)}`, name: s.title.slice(0, 80), baseCurrency: s.workspace.baseCurrency });
    const workspaceId = ws.id;
    const ids: ScenarioIds = { workspaceId, programs: new Map(), partners: new Map(), pools: new Map(), enrollments: new Map() };
    for (const u of s.workspace.units ?? []) await tx.insert(units).values({ workspaceId, ...u });
    for (const r of s.workspace.fxRates ?? []) await tx.insert(fxRates).values({ workspaceId, currency: r.currency, rate: r.rate, effectiveFrom: new Date(r.from) });
    for (const [unit, amount] of Object.entries(s.workspace.minimumPayout ?? {})) await tx.insert(payoutMinimums).values({ workspaceId, unit, amount });

    for (const p of s.programs) {
      const row = await insertProgram(tx, workspaceId, {
        slug: p.key, name: p.key, category: (p.category ?? 'other') as never, unit: p.unit,
        // the same validation the console applies to rules and scope
        rules: rewardRulesSchema.parse(p.rewards), scope: programScopeSchema.parse(p.scope ?? {}),
        model: p.model, windowDays: p.windowDays, couponPrecedence: p.couponPrecedence ?? 'override', holdDays: p.holdDays,
      });
      ids.programs.set(p.key, row.id);
    }
    for (const g of s.groups ?? []) {
      const [group] = await tx.insert(programGroups).values({ workspaceId, slug: g.key, name: g.key, strategy: g.strategy }).returning({ id: programGroups.id });
      await tx.insert(programGroupMembers).values(g.programs.map((key, i) => ({ groupId: group.id, workspaceId, programId: ids.programs.get(key)!, rank: i + 1 })));
    }
    for (const p of s.pools ?? []) {
      const [pool] = await tx
        .insert(pools)
        .values({ workspaceId, slug: p.key, name: p.key, unit: p.unit, amount: p.amount, period: p.period, metric: p.metric, goal: p.goal })
        .returning({ id: pools.id });
      await tx.insert(poolPrograms).values(p.programs.map((key) => ({ poolId: pool.id, workspaceId, programId: ids.programs.get(key)! })));
      ids.pools.set(p.key, pool.id);
    }
    for (const partner of s.partners) {
      const { id: partnerId } = await insertPartner(tx, workspaceId, { email: partner.email, name: partner.key });
      ids.partners.set(partner.key, partnerId);
      for (const e of partner.enrollments) {
        const programId = ids.programs.get(e.program)!;
        const row = await insertEnrollment(tx, { workspaceId, partnerId, programId, status: e.status ?? 'approved', at: BEFORE_THE_STORY });
        if (e.rewards) await tx.update(enrollments).set({ rules: rewardRulesSchema.parse(e.rewards) }).where(and(eq(enrollments.id, row!.id)));
        ids.enrollments.set(`${partner.key}|${e.program}`, row!.id);
      }
      // a link or coupon without a program lands in the partner's first program
      const home = partner.enrollments[0]?.program;
      for (const l of partner.links ?? []) {
        await tx.insert(links).values({ workspaceId, partnerId, programId: ids.programs.get(l.program ?? home)!, code: l.code, destinationUrl: 'https://shop.example/' });
      }
      for (const c of partner.coupons ?? []) {
        await tx.insert(coupons).values({ workspaceId, partnerId, programId: ids.programs.get(c.program ?? home)!, code: c.code.toUpperCase() });
      }
    }
    return ids;
  });
}
