import 'server-only';
import type { Database } from '../../db/client';
import { insertWorkspace } from '../../db/queries/workspaces';
import { insertProgram } from '../../db/queries/programs';
import { insertEnrollment, insertPartner } from '../../db/queries/partners';
import { insertLink } from '../../db/queries/tracked-links';
import {
  insertCoupon, insertFxRate, insertPayoutMinimum, insertPool, insertProgramGroup, insertUnit, setEnrollmentRules,
} from '../../db/queries/scenario-setup';
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

/**
 * Creates the scenario's workspace and configuration through db/queries, in one transaction, one
 * row at a time in the order the file lists things (partners, then each partner's enrollments,
 * links and coupons): every row shares the setup's instant, so its recorded sequence (`seq`) is
 * what breaks "earlier enrollment" and "arrival order" ties, as the scenario README says. The
 * console's services do not fit here: createProgram builds one rule from a form (scenarios give
 * rule lists and scopes), joinProgram creates user accounts, and createLink refuses links of
 * pending enrollments, which scenarios have. The story's steps then run through the services.
 */
export async function setUpScenario(db: Database, s: Scenario): Promise<ScenarioIds> {
  return db.transaction(async (tx) => {
    const ws = await insertWorkspace(tx, { slug: `scenario-${Date.now().toString(36)}`, name: s.title.slice(0, 80), baseCurrency: s.workspace.baseCurrency });
    const workspaceId = ws.id;
    const ids: ScenarioIds = { workspaceId, programs: new Map(), partners: new Map(), pools: new Map(), enrollments: new Map() };
    const programId = (key: string) => ids.programs.get(key) ?? missing('program', key);
    for (const u of s.workspace.units ?? []) await insertUnit(tx, workspaceId, u);
    for (const r of s.workspace.fxRates ?? []) await insertFxRate(tx, workspaceId, { currency: r.currency, rate: r.rate, effectiveFrom: new Date(r.from) });
    for (const [unit, amount] of Object.entries(s.workspace.minimumPayout ?? {})) await insertPayoutMinimum(tx, workspaceId, unit, amount);

    for (const p of s.programs) {
      const row = await insertProgram(tx, workspaceId, {
        slug: p.key, name: p.key, category: p.category ?? 'other', unit: p.unit,
        // the same validation the console applies to rules and scope
        rules: rewardRulesSchema.parse(p.rewards), scope: programScopeSchema.parse(p.scope ?? {}),
        model: p.model, windowDays: p.windowDays, couponPrecedence: p.couponPrecedence ?? 'override', holdDays: p.holdDays,
      });
      ids.programs.set(p.key, row.id);
    }
    for (const g of s.groups ?? []) {
      await insertProgramGroup(tx, workspaceId, { slug: g.key, name: g.key, strategy: g.strategy, programIds: g.programs.map(programId) });
    }
    for (const p of s.pools ?? []) {
      const pool = await insertPool(tx, workspaceId, {
        slug: p.key, name: p.key, unit: p.unit, amount: p.amount, period: p.period, metric: p.metric, goal: p.goal, programIds: p.programs.map(programId),
      });
      ids.pools.set(p.key, pool.id);
    }
    for (const partner of s.partners) {
      const { id: partnerId } = await insertPartner(tx, workspaceId, { email: partner.email, name: partner.key });
      ids.partners.set(partner.key, partnerId);
      for (const e of partner.enrollments) {
        const row = await insertEnrollment(tx, { workspaceId, partnerId, programId: programId(e.program), status: e.status ?? 'approved', at: BEFORE_THE_STORY });
        if (!row) throw new Error(`scenario enrolls ${partner.key} in ${e.program} twice`);
        if (e.rewards) await setEnrollmentRules(tx, workspaceId, row.id, rewardRulesSchema.parse(e.rewards));
        ids.enrollments.set(`${partner.key}|${e.program}`, row.id);
      }
      // a link or coupon without a program lands in the partner's first program
      const home = partner.enrollments[0]?.program ?? '';
      for (const l of partner.links ?? []) {
        const link = await insertLink(tx, { workspaceId, partnerId, programId: programId(l.program ?? home), code: l.code, destinationUrl: 'https://shop.example/' });
        if (!link) throw new Error(`link code ${l.code} is taken`);
      }
      for (const c of partner.coupons ?? []) await insertCoupon(tx, workspaceId, { partnerId, programId: programId(c.program ?? home), code: c.code });
    }
    return ids;
  });
}

function missing(what: string, key: string): never {
  throw new Error(`scenario names an unknown ${what} "${key}"`);
}
