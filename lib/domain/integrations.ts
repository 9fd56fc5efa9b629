// Signing secrets and outbound webhooks. The order of SECRET_KINDS and DELIVERY_STATUSES is the
// Postgres enums': append, never reorder.

/** events: the storefront API; stripe, shopify: their webhooks; outbound: our webhooks' signature. */
export const SECRET_KINDS = ['events', 'stripe', 'shopify', 'outbound'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

export const DELIVERY_STATUSES = ['queued', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What an outbound webhook announces (stored as text: a new topic needs no migration). */
export const WEBHOOK_TOPICS = [
  'entry.created', 'payout.created', 'payout.paid',
  // issue 12
  'partner.enrolled', 'enrollment.decided', 'deal.registered', 'deal.decided', 'entry.reversed', 'payout.failed',
  // the Settings button that checks an endpoint; never queued by a change
  'webhook.test',
] as const;
export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

/** webhook_deliveries.payload: the body we sign and send, less the delivery id added at send time. */
export interface WebhookPayload {
  type: WebhookTopic;
  createdAt: string;
  data: Record<string, unknown>;
}
