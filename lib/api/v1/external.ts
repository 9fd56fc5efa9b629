import { z } from 'zod';
import type { ExternalEndpoint } from '../endpoint';

// The provider webhooks under /api/v1: called by Stripe and Shopify with their own signatures, not
// with an API key. Described here so the document covers every route under /api/v1; their
// handlers are the signed routes in app/api/v1/integrations.

const workspacePath = '{workspace}';
const accepted = z.object({}).catchall(z.unknown()).meta({ description: 'What was done with the event (recorded, ignored with a reason, or held until its order arrives).' });
const providerBody = z.object({}).catchall(z.unknown()).meta({ description: "The provider's own webhook payload, unchanged." });

export const externalEndpoints: ExternalEndpoint[] = [
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    description: 'The OpenAPI 3.1 document of this API, generated from the schemas the API validates with. Public: it holds no workspace data.',
    tag: 'Reference',
    response: z.object({ openapi: z.literal('3.1.0') }).catchall(z.unknown()),
  },
  {
    method: 'post',
    path: `/integrations/stripe/${workspacePath}`,
    operationId: 'receiveStripeWebhook',
    summary: 'Stripe webhook receiver',
    description:
      'Point a Stripe webhook endpoint here (Settings → Integrations gives the URL). Verified with the Stripe SDK against the signing secret saved in the workspace. ' +
      '`checkout.session.completed` and `invoice.paid` become orders, `charge.refunded` a refund; events may arrive in any order.',
    tag: 'Provider webhooks',
    headers: z.object({ 'Stripe-Signature': z.string().meta({ description: "Stripe's signature header." }) }),
    body: providerBody,
    response: accepted,
  },
  {
    method: 'post',
    path: `/integrations/shopify/${workspacePath}`,
    operationId: 'receiveShopifyWebhook',
    summary: 'Shopify webhook receiver',
    description: 'Subscribe `orders/paid` and `refunds/create` to this URL. Verified with `X-Shopify-Hmac-Sha256` against the app secret saved in the workspace.',
    tag: 'Provider webhooks',
    headers: z.object({
      'X-Shopify-Hmac-Sha256': z.string().meta({ description: 'Base64 HMAC-SHA256 of the raw body.' }),
      'X-Shopify-Topic': z.string().meta({ description: '`orders/paid` or `refunds/create`.' }),
    }),
    body: providerBody,
    response: accepted,
  },
];
