import 'server-only';
import type { Database } from './client';
import {
  clicks, coupons, fxRates, links, members, payoutMinimums, poolPrograms, pools, programGroupMembers, programGroups, units, workspaces,
} from './schema';
import { eq } from 'drizzle-orm';
import { insertUser } from './queries/users';
import { insertProgram } from './queries/programs';
import { insertEnrollment, insertPartner } from './queries/partners';
import { hashPassword } from '../lib/auth/password';
import { DEMO_PASSWORD, DEMO_SLUG, demoCatalog, demoPartners, demoPrograms } from './seed-data';
import type { IncomingEvent } from '../lib/validation/events';

const DAY = 86_400_000;

/** Small deterministic PRNG so every fresh demo tells the same story. */
function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

export async function demoExists(db: Database): Promise<boolean> {
  const [row] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, DEMO_SLUG));
  return Boolean(row);
}

/** The demo as written to its tables, and the raw events its story then feeds to the services. */
export interface DemoConfiguration {
  workspaceId: string;
  /** in time order; not yet stored: the story ingests each at its own time */
  events: IncomingEvent[];
  clicks: number;
  poolId: string;
  implementationPartnerId: string;
  implementationProgramId: string;
}

/**
 * Writes the demo workspace's configuration in one transaction: programs of several categories and
 * units, a group, a pool, partners with links and coupons, and clicks; and draws six months of
 * orders, refunds and milestones as raw events. No ledger row is written here: rewards come only
 * from feeding the events to the services (scripts/seed/story.ts).
 */
export async function insertDemoConfiguration(db: Database, now: Date): Promise<DemoConfiguration> {
  const rnd = prng(20261123);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [ws] = await tx
      .insert(workspaces)
      .values({ slug: DEMO_SLUG, name: 'Acme Cloud (demo)', baseCurrency: 'USD', allowedDomains: ['acme.example'] })
      .returning({ id: workspaces.id });
    const workspaceId = ws.id;
    const owner = await insertUser(tx, { email: 'owner@demo.test', name: 'Olivia Owner', passwordHash });
    const finance = await insertUser(tx, { email: 'finance@demo.test', name: 'Finn Finance', passwordHash });
    await tx.insert(members).values([
      { workspaceId, userId: owner.id, role: 'owner' },
      { workspaceId, userId: finance.id, role: 'finance' },
    ]);
    await tx.insert(units).values({ workspaceId, key: 'points', label: 'Points', precision: 0, baseValue: '0.01' });
    const start = new Date(now.getTime() - 183 * DAY);
    await tx.insert(fxRates).values([
      { workspaceId, currency: 'EUR', rate: '1.08', effectiveFrom: new Date(start.getTime() - 30 * DAY) },
      { workspaceId, currency: 'EUR', rate: '1.12', effectiveFrom: new Date(start.getTime() + 90 * DAY) },
    ]);
    await tx.insert(payoutMinimums).values([
      { workspaceId, unit: 'USD', amount: '50' },
      { workspaceId, unit: 'points', amount: '1000' },
    ]);

    const programIds = new Map<string, string>();
    for (const { key, ...p } of demoPrograms) programIds.set(key, (await insertProgram(tx, workspaceId, p)).id);
    const [group] = await tx.insert(programGroups).values({ workspaceId, slug: 'reseller-tiers', name: 'Reseller tiers', strategy: 'highest_rank' }).returning({ id: programGroups.id });
    await tx.insert(programGroupMembers).values([
      { groupId: group.id, workspaceId, programId: programIds.get('gold')!, rank: 1 },
      { groupId: group.id, workspaceId, programId: programIds.get('silver')!, rank: 2 },
    ]);
    const [pool] = await tx
      .insert(pools)
      .values({ workspaceId, slug: 'reseller-bonus', name: 'Quarterly reseller bonus', unit: 'USD', amount: '500.00', period: 'quarter', metric: 'revenue', goal: '500' })
      .returning({ id: pools.id });
    await tx.insert(poolPrograms).values(['gold', 'silver'].map((k) => ({ poolId: pool.id, workspaceId, programId: programIds.get(k)! })));

    // partners, their enrollments (approved from the start of the story), links and coupons
    const linkRows: { id: string; partnerId: string; programId: string; code: string }[] = [];
    const couponCodes: string[] = [];
    for (const p of demoPartners) {
      const userId = p.withAccount ? (await insertUser(tx, { email: p.email, name: p.name, passwordHash })).id : null;
      const partner = await insertPartner(tx, workspaceId, { email: p.email, name: p.name, company: p.company, userId });
      for (const key of p.programs) {
        await insertEnrollment(tx, { workspaceId, partnerId: partner.id, programId: programIds.get(key)!, status: 'approved', at: new Date(start.getTime() - 14 * DAY) });
        const code = `${p.email.split('@')[0].replace(/[^a-z0-9]/g, '')}-${key}`;
        const [link] = await tx
          .insert(links)
          .values({ workspaceId, partnerId: partner.id, programId: programIds.get(key)!, code, destinationUrl: `https://acme.example/?utm_source=partner&utm_campaign=${key}` })
          .returning({ id: links.id });
        linkRows.push({ id: link.id, partnerId: partner.id, programId: programIds.get(key)!, code });
      }
      for (const key of p.pending ?? []) {
        await insertEnrollment(tx, { workspaceId, partnerId: partner.id, programId: programIds.get(key)!, status: 'pending', at: new Date(now.getTime() - rnd.int(1, 10) * DAY) });
      }
      if (p.coupon) {
        await tx.insert(coupons).values({ workspaceId, partnerId: partner.id, programId: programIds.get(p.coupon.program)!, code: p.coupon.code });
        couponCodes.push(p.coupon.code);
      }
    }

    // background clicks (some by bots) plus the clicks that lead to customers below
    const clickRows: (typeof clicks.$inferInsert)[] = [];
    let clickSeq = 0;
    const addClick = (link: (typeof linkRows)[number], visitorId: string, at: Date, isBot = false) => {
      clickRows.push({
        id: `seedclk_${(clickSeq++).toString().padStart(5, '0')}`, workspaceId, linkId: link.id, partnerId: link.partnerId, programId: link.programId,
        visitorId, occurredAt: at, isBot, userAgent: isBot ? 'Googlebot/2.1' : 'Mozilla/5.0 (demo)',
      });
    };
    for (const link of linkRows) {
      for (let i = rnd.int(10, 30); i > 0; i--) {
        addClick(link, `v-bg-${rnd.int(1, 100000)}`, new Date(start.getTime() + rnd.next() * (now.getTime() - start.getTime())), rnd.next() < 0.08);
      }
    }

    const stored: IncomingEvent[] = [];
    let orderSeq = 0;
    const orderTotals: { id: string; at: Date; total: number }[] = [];
    for (let c = 1; c <= 70; c++) {
      const externalId = `cus_${c.toString().padStart(3, '0')}`;
      const email = `buyer${c}@customer${(c % 23) + 1}.example`;
      const firstAt = new Date(start.getTime() + rnd.next() * (now.getTime() - start.getTime() - 7 * DAY));
      const path = rnd.next();
      const visitorId = `v-cus-${c}`;
      const order: Extract<IncomingEvent, { type: 'order' }>['data'] = {
        customer: { externalId, email }, currency: rnd.next() < 0.15 ? 'EUR' : 'USD', lines: [], coupons: [], visitorId,
      };
      if (path < 0.6) {
        const link = rnd.pick(linkRows);
        addClick(link, visitorId, new Date(firstAt.getTime() - rnd.int(1, 20) * DAY));
        if (rnd.next() < 0.3) addClick(rnd.pick(linkRows), visitorId, new Date(firstAt.getTime() - rnd.int(0, 2) * DAY));
      } else if (path < 0.75 && couponCodes.length) {
        order.coupons = [rnd.pick(couponCodes)];
      }
      const subscription = rnd.next() < 0.5 ? demoCatalog[0] : undefined;
      order.lines = [...(subscription ? [subscription] : []), rnd.pick(demoCatalog.slice(1))].map((l) => ({ ...l }));
      const pushOrder = (at: Date, data: typeof order) => {
        const id = `ord_${(++orderSeq).toString().padStart(4, '0')}`;
        stored.push({ id, type: 'order', occurredAt: at.toISOString(), data });
        orderTotals.push({ id, at, total: data.lines.reduce((s, l) => s + Number(l.amount), 0) });
      };
      pushOrder(firstAt, order);
      if (subscription) {
        for (let t = firstAt.getTime() + 30 * DAY; t < now.getTime(); t += 30 * DAY) {
          pushOrder(new Date(t), { customer: { externalId }, currency: order.currency, lines: [{ ...subscription }], coupons: [] });
        }
      }
      if (c % 11 === 0) {
        const at = new Date(Math.min(now.getTime() - DAY, firstAt.getTime() + 30 * DAY));
        stored.push({ id: `ms_${c}`, type: 'milestone', occurredAt: at.toISOString(), data: { customer: { externalId }, name: 'go-live' } });
      }
    }
    for (let r = 1; r <= 12; r++) {
      const o = orderTotals[rnd.int(0, orderTotals.length - 1)];
      const at = new Date(Math.min(now.getTime() - 3600_000, o.at.getTime() + rnd.int(1, 20) * DAY));
      const partial = r % 2 === 0;
      stored.push({ id: `ref_${r}`, type: 'refund', occurredAt: at.toISOString(), data: { orderId: o.id, ...(partial ? { amount: (Math.round(o.total * 40) / 100).toFixed(2) } : {}) } });
    }

    for (let i = 0; i < clickRows.length; i += 500) await tx.insert(clicks).values(clickRows.slice(i, i + 500)).onConflictDoNothing();
    stored.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    const implementation = linkRows.find((l) => l.programId === programIds.get('implementation'))!;
    return {
      workspaceId, events: stored, clicks: clickRows.length, poolId: pool.id,
      implementationPartnerId: implementation.partnerId, implementationProgramId: implementation.programId,
    };
  });
}
