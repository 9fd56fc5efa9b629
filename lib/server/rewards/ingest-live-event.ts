import 'server-only';
import type { Database } from '../../../db/client';
import { getRedis } from '../../kv/redis';
import { ensureClickStored } from '../tracking/ensure-click-stored';
import type { IncomingEvent } from '../../validation/events';
import type { EventSource } from '../../domain/events';
import { ingestEvent, type IngestOutcome } from './ingest-event';

/**
 * Ingestion for events arriving over HTTP (our API, Stripe, Shopify). A visitor may buy seconds
 * after clicking, before the click has left Redis for Postgres; when an order names such a click,
 * that one click is stored first (one Redis lookup) so the order is attributed to it. Redis trouble never blocks an order: the
 * click is then simply not found, and the explanation says so.
 */
export async function ingestLiveEvent(db: Database, workspaceId: string, event: IncomingEvent, opts: { source: EventSource; now?: Date }): Promise<IngestOutcome> {
  if (event.type === 'order' && event.data.clickId) {
    try {
      await ensureClickStored(db, getRedis(), workspaceId, event.data.clickId);
    } catch (err) {
      console.error(`[events] could not look up the click named by order ${event.id}; attributing without it`, err);
    }
  }
  return ingestEvent(db, workspaceId, event, opts);
}
