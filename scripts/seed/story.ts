// The demo's story, played through the same services as production: the data layer (db/seed.ts)
// writes the demo's configuration and hands back the raw events; rewards come only from here.
import type { Database } from '../../db/client';
import { insertDemoConfiguration, type DemoConfiguration } from '../../db/seed';
import { ingestEvent } from '../../lib/server/rewards/ingest-event';
import { bindCustomerByHand } from '../../lib/server/rewards/manual-binding';
import { closePool } from '../../lib/server/rewards/pools';
import { createPayoutBatch, markPayoutFailed, markPayoutPaid } from '../../lib/server/rewards/payouts';
import { parsePoolPeriod } from '../../lib/engine';
import { seedPayoutDetails } from './payout-details';

/**
 * Creates the demo workspace: programs of several categories and units, a group, a pool, partners
 * with links and coupons, clicks, and six months of orders, refunds and milestones kept as raw
 * events, then feeds those events to the reward services. No ledger row is written directly.
 */
export async function seedDemoWorkspace(db: Database, now: Date): Promise<{ workspaceId: string; events: number; clicks: number; entries: number }> {
  const story = await insertDemoConfiguration(db, now);
  const entries = await playDemoStory(db, story, now);
  await seedPayoutDetails(db, story.workspaceId, now);
  return { workspaceId: story.workspaceId, events: story.events.length, clicks: story.clicks, entries };
}

const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const quarterKey = (d: Date) => `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;

/**
 * Feeds the demo's six months through the same services as production, in time order: each event
 * is ingested at its own time, the implementation partner is bound by hand to its go-live
 * customers, a payout batch runs on the first of every month (paid, except the newest, which stays
 * processing, and one transfer that fails), and every finished quarter of the pool is closed.
 */
export async function playDemoStory(db: Database, story: DemoConfiguration, now: Date): Promise<number> {
  const ws = story.workspaceId;
  let entries = 0;
  let nextMonth = monthStart(new Date(new Date(story.events[0].occurredAt).getTime() + 32 * 86_400_000));
  const batches: { id: string; payoutIds: string[]; at: Date }[] = [];
  const closedQuarters = new Set<string>();

  const monthlyChores = async (until: Date) => {
    while (nextMonth <= until) {
      const at = nextMonth;
      const batch = await createPayoutBatch(db, ws, { reference: `${at.toISOString().slice(0, 7)} partner payouts`, at });
      batches.push({ id: batch.batchId, payoutIds: batch.payouts.map((p) => p.id), at });
      const previousQuarter = quarterKey(new Date(at.getTime() - 86_400_000));
      const bounds = parsePoolPeriod('quarter', previousQuarter);
      if (bounds.endMs <= at.getTime() && !closedQuarters.has(previousQuarter)) {
        await closePool(db, ws, story.poolId, previousQuarter, at);
        closedQuarters.add(previousQuarter);
      }
      nextMonth = monthStart(new Date(at.getTime() + 32 * 86_400_000));
    }
  };

  for (const event of story.events) {
    const at = new Date(event.occurredAt);
    await monthlyChores(at);
    if (event.type === 'milestone') {
      // the merchant assigns the implementation partner before go-live
      await bindCustomerByHand(db, ws, {
        customerExternalId: event.data.customer.externalId, programId: story.implementationProgramId, partnerId: story.implementationPartnerId,
        at: new Date(at.getTime() - 7 * 86_400_000),
      });
    }
    const outcome = await ingestEvent(db, ws, event, { source: 'seed', now: at });
    entries += outcome.result.entries.length;
  }
  await monthlyChores(now);

  // finance settles every batch but the newest; one transfer of an early batch bounced
  const bounced = batches.findIndex((b, i) => i < batches.length - 1 && b.payoutIds.length > 1);
  for (const [i, batch] of batches.entries()) {
    if (i === batches.length - 1) continue;
    for (const [j, payoutId] of batch.payoutIds.entries()) {
      const at = new Date(batch.at.getTime() + 2 * 86_400_000);
      if (i === bounced && j === 0) await markPayoutFailed(db, ws, payoutId, 'IBAN rejected by the bank', at);
      else await markPayoutPaid(db, ws, payoutId, `TRF-${batch.at.toISOString().slice(0, 7)}-${String(j + 1).padStart(3, '0')}`, at);
    }
  }
  return entries;
}
