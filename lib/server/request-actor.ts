import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

// Who is acting when it is not a signed-in person: the REST API runs each request inside
// `actAsApiKey`, and recordAudit reads the key from here. The services keep taking a
// MerchantScope and need not know whether a person or a key called them, yet every audit row
// written during an API request names the key that made the change.

const store = new AsyncLocalStorage<{ apiKeyId: string }>();

export function actAsApiKey<T>(apiKeyId: string, work: () => Promise<T>): Promise<T> {
  return store.run({ apiKeyId }, work);
}

/** The API key acting in this request, if any. */
export function actingApiKeyId(): string | null {
  return store.getStore()?.apiKeyId ?? null;
}
