import 'server-only';
import { z } from 'zod';
import type { ClickRowInput } from '../../../db/queries/tracked-clicks';
import type { ClickMessage } from '../../tracking/click-record';

// What the edge pushes (lib/tracking/click-record.ts), checked before anything reaches Postgres:
// the queue and the relay route are inputs like any other.
const clickMessageSchema = z.object({
  v: z.literal(1),
  id: z.string().regex(/^clk_[A-Za-z0-9_-]{8,64}$/),
  code: z.string().min(1).max(64),
  workspaceId: z.string().uuid(),
  linkId: z.string().uuid(),
  partnerId: z.string().uuid(),
  programId: z.string().uuid(),
  visitorId: z.string().min(1).max(200),
  at: z.iso.datetime({ offset: true }),
  bot: z.boolean(),
  ua: z.string().max(2048).nullable(),
  referrer: z.string().max(4096).nullable(),
  country: z.string().max(8).nullable(),
});

export const clickMessagesSchema = z.object({ clicks: z.array(clickMessageSchema).min(1).max(1000) });

export function parseClickMessage(raw: string): ClickMessage | null {
  try {
    const parsed = clickMessageSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function clickRowOf(m: ClickMessage): ClickRowInput {
  return {
    id: m.id, workspaceId: m.workspaceId, linkId: m.linkId, visitorId: m.visitorId, occurredAt: m.at,
    isBot: m.bot, userAgent: m.ua, referrer: m.referrer, country: m.country,
  };
}
