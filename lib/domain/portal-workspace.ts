// The portal remembers which merchant a partner of several is looking at in this cookie (the
// workspace's slug). It is httpOnly and only a preference: every read checks it against the user's
// own partner records (lib/server/portal-scope.ts).
export const PORTAL_WORKSPACE_COOKIE = 'pl_portal_ws';

/** The remembered merchant when it is one of the user's, else the first (by name); undefined when none. */
export function choosePortalMerchant<M extends { slug: string }>(merchants: readonly M[], remembered: string | undefined | null): M | undefined {
  return merchants.find((m) => m.slug === remembered) ?? merchants[0];
}
