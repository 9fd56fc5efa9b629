import 'server-only';
import type { Database } from '../../db/client';
import { ingestStripeInvoicePayment, ingestStripeOrder, ingestStripePromotionCode, ingestStripeRefund, type StripeOutcome } from '../server/stripe/ingest';
import type { StripeInstruction } from './stripe';

export type { StripeOutcome };

/** Hands a translated Stripe event to the services that decide it (lib/server/stripe). */
export async function ingestStripeInstruction(db: Database, workspaceId: string, instruction: StripeInstruction, now: Date = new Date()): Promise<StripeOutcome> {
  switch (instruction.kind) {
    case 'ignored':
      return { ignored: true, reason: instruction.reason };
    case 'order':
      return ingestStripeOrder(db, workspaceId, instruction, now);
    case 'refund':
      return ingestStripeRefund(db, workspaceId, instruction, now);
    case 'payment':
      return ingestStripeInvoicePayment(db, workspaceId, instruction, now);
    case 'promotion_code':
      return ingestStripePromotionCode(db, workspaceId, instruction.promotionCode);
  }
}
