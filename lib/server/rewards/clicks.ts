import 'server-only';
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../../db/client';
import { clicks, links } from '../../../db/schema';
import { AppError } from '../../errors';

export interface ClickInput {
  /** minted where the click happened (the edge); replays with the same id change nothing */
  id?: string;
  linkCode: string;
  visitorId: string;
  at: Date;
  isBot?: boolean;
  userAgent?: string | null;
  referrer?: string | null;
}

/** Records a click through a link of this workspace; idempotent by click id. */
export async function recordClick(db: Database, workspaceId: string, input: ClickInput) {
  const [link] = await db
    .select({ id: links.id, partnerId: links.partnerId, programId: links.programId, disabled: links.disabled })
    .from(links)
    .where(and(eq(links.workspaceId, workspaceId), eq(links.code, input.linkCode)));
  if (!link || link.disabled) throw new AppError('not_found', `No active link with code ${input.linkCode}.`);
  const id = input.id ?? `clk_${randomUUID()}`;
  await db
    .insert(clicks)
    .values({
      id, workspaceId, linkId: link.id, partnerId: link.partnerId, programId: link.programId, visitorId: input.visitorId,
      occurredAt: input.at, isBot: input.isBot ?? false, userAgent: input.userAgent ?? null, referrer: input.referrer ?? null,
    })
    .onConflictDoNothing();
  return { id };
}
