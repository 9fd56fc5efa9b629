import { AppError } from '../errors';

const PROVIDER = { stripe: 'Stripe', shopify: 'Shopify' } as const;

/** A provider's webhook for a workspace that has not pasted its secret: 404, naming the fix. */
export const notConnected = (provider: keyof typeof PROVIDER) => (workspaceSlug: string) =>
  new AppError('not_found', `${PROVIDER[provider]} is not connected to workspace "${workspaceSlug}": paste its webhook signing secret in Settings → Integrations.`);
