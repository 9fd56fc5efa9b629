import type { Executor } from '../../db/client';
import { insertClickRows } from '../../db/queries/tracked-clicks';
import { findTrackedLinkByCode } from '../../db/queries/tracked-links';
import { AppError } from '../../lib/errors';
import { clickRowOf, parseClickMessage } from '../../lib/server/tracking/click-message';
import type { ClickMessage } from '../../lib/tracking/click-record';
import { newClickId } from '../../lib/tracking/ids';
import { linkCodeFromPath } from '../../lib/tracking/visit';

export interface SeededClick {
  /** `clk_…` as the edge mints them; random when absent. Replays of one id store one click. */
  id?: string;
  linkCode: string;
  visitorId: string;
  at: Date;
  bot?: boolean;
  userAgent?: string | null;
  referrer?: string | null;
}

/**
 * Stores a click at a chosen time exactly the way production stores one, for tests and the
 * scenario runner: the code is read as /r/<code> reads it and the link found by it as the tracking
 * fallback finds it, the click becomes the message the edge queues, that message must pass the
 * flush job's own parser, and it is written by insertClickRows like every batch the flush job or
 * the relay writes (partner and program come from the link row there). Production records nothing
 * for an unknown or disabled code; this throws not_found instead, so a test with a wrong code fails
 * loudly and the scenario runner lists the step as refused.
 */
export async function storeClick(db: Executor, workspaceId: string, click: SeededClick): Promise<{ id: string }> {
  const [stored] = await storeClickBatch(db, workspaceId, [click]);
  return stored;
}

/** The edge's message for a click, as it would wait in Redis (passes the flush job's parser). */
export async function clickMessageOf(db: Executor, workspaceId: string, click: SeededClick): Promise<ClickMessage> {
  const code = linkCodeFromPath(`/r/${click.linkCode}`);
  const link = code ? await findTrackedLinkByCode(db, code) : undefined;
  if (!link || link.disabled || link.workspaceId !== workspaceId) throw new AppError('not_found', `No active link with code ${click.linkCode}.`);
  const message: ClickMessage = {
    v: 1, id: click.id ?? newClickId(), code: link.code, workspaceId, linkId: link.id, partnerId: link.partnerId, programId: link.programId,
    visitorId: click.visitorId, at: click.at.toISOString(), bot: click.bot ?? false, ua: click.userAgent ?? null, referrer: click.referrer ?? null, country: null,
  };
  const queued = parseClickMessage(JSON.stringify(message));
  if (!queued) throw new Error(`the flush job would drop this click as unreadable: ${JSON.stringify(message)}`);
  return queued;
}

/** Several clicks in one insertClickRows batch, in the order given, as one flush batch stores them. */
export async function storeClickBatch(db: Executor, workspaceId: string, clicks: readonly SeededClick[]): Promise<{ id: string }[]> {
  const messages: ClickMessage[] = [];
  for (const click of clicks) messages.push(await clickMessageOf(db, workspaceId, click));
  await insertClickRows(db, messages.map(clickRowOf));
  return messages.map((m) => ({ id: m.id }));
}
