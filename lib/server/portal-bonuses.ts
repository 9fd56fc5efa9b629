import 'server-only';
import type { Executor } from '../../db/client';
import { closingTermsOf, findPoolDetail, listPoolClosings } from '../../db/queries/pool-progress';
import { bonusEntriesOfPartner, poolsOfPartner } from '../../db/queries/portal-pools';
import { closedPeriodSentence, poolProgressSentence, type PartnerPoolTerms } from '../explain/partner-pool';
import { poolProgress } from './rewards/pools';

// The portal's bonuses page: for each pool a partner record takes part in, the current period's
// progress and the closed periods, from the partner's side only. The engine measures every partner
// (poolProgress, the stored closings); this view keeps the partner's own figure and counts the
// rest, so no other partner's metric or id leaves the server.

export interface PartnerPoolPeriod {
  period: string;
  closedAt: Date;
  /** the partner's own metric as the closing measured it */
  metric: string;
  qualified: boolean;
  bonus: string | null;
  qualifiers: number;
  measured: number;
  terms: PartnerPoolTerms;
  /** the partner's bonus entry of the period, for its "Why?" */
  entryId: string | null;
  sentence: string;
}

export interface PartnerPoolView {
  poolId: string;
  name: string;
  workspaceId: string;
  workspaceName: string;
  periodKind: string;
  programs: string[];
  terms: PartnerPoolTerms;
  /** the period under way; null when the pool is paused or the partner no longer takes part */
  current: { period: string; start: Date; end: Date; metric: string; aboveGoal: boolean; qualifiers: number; sentence: string } | null;
  history: PartnerPoolPeriod[];
}

const PERIOD_NOUN: Record<string, string> = { quarter: 'quarter', year: 'year' };

async function poolView(db: Executor, partner: { id: string; workspaceId: string }, pool: Awaited<ReturnType<typeof poolsOfPartner>>[number], now: Date, entries: Map<string, string>) {
  const ws = partner.workspaceId;
  const terms: PartnerPoolTerms = { metric: pool.metric, goal: pool.goal, amount: pool.amount, unit: pool.unit, baseCurrency: pool.baseCurrency };
  const [detail, closings, closedTerms] = [await findPoolDetail(db, ws, pool.id), await listPoolClosings(db, ws, pool.id), await closingTermsOf(db, ws, pool.id)];

  let current: PartnerPoolView['current'] = null;
  if (pool.active && pool.approvedMember) {
    const progress = await poolProgress(db, ws, pool.id, now);
    const mine = progress.standings.find((s) => s.partnerId === partner.id);
    const qualifiers = progress.standings.filter((s) => s.aboveGoal).length;
    const metric = mine?.metric ?? '0';
    const aboveGoal = mine?.aboveGoal ?? false;
    current = {
      period: progress.period, start: progress.start, end: progress.end, metric, aboveGoal, qualifiers,
      sentence: poolProgressSentence(terms, PERIOD_NOUN[pool.period] ?? 'period', metric, aboveGoal, qualifiers),
    };
  }

  const history: PartnerPoolPeriod[] = [];
  for (const c of closings) {
    const mine = c.result.standings.find((s) => s.partnerId === partner.id);
    if (!mine) continue;
    // the terms the period was closed with (the pool may have changed since); a period nobody
    // qualified in left no entry to read them from, so the pool's present terms stand in
    const then = closedTerms.get(c.period);
    const periodTerms: PartnerPoolTerms = then ? { ...terms, metric: then.metric, goal: then.goal, amount: then.poolAmount, unit: then.unit } : terms;
    const qualifiers = c.result.standings.filter((s) => s.qualified).length;
    const own = { metric: mine.metric, qualified: mine.qualified, bonus: mine.bonus };
    history.push({
      period: c.period, closedAt: c.closedAt, metric: mine.metric, qualified: mine.qualified, bonus: mine.bonus, qualifiers,
      measured: c.result.standings.length, terms: periodTerms, entryId: entries.get(`${pool.id}|${c.period}`) ?? null,
      sentence: closedPeriodSentence(periodTerms, own, qualifiers),
    });
  }
  return {
    poolId: pool.id, name: pool.name, workspaceId: pool.workspaceId, workspaceName: pool.workspaceName, periodKind: pool.period,
    programs: detail?.programs.map((p) => p.name) ?? [], terms, current, history,
  } satisfies PartnerPoolView;
}

/** Every pool the user's partner records take part in, merchant by merchant. */
export async function partnerBonuses(db: Executor, partners: readonly { id: string; workspaceId: string }[], now: Date): Promise<PartnerPoolView[]> {
  const views: PartnerPoolView[] = [];
  for (const partner of partners) {
    const pools = await poolsOfPartner(db, partner.workspaceId, partner.id);
    const bonusRows = await bonusEntriesOfPartner(db, partner.workspaceId, partner.id, pools.map((p) => p.id));
    const entries = new Map(bonusRows.map((b) => [`${b.poolId}|${b.period}`, b.id]));
    for (const pool of pools) views.push(await poolView(db, partner, pool, now, entries));
  }
  return views.sort((a, b) => a.workspaceName.localeCompare(b.workspaceName) || a.name.localeCompare(b.name));
}
