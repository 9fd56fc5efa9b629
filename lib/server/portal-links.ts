import 'server-only';
import type { Executor } from '../../db/client';
import { listPortalLinks, portalLinkWorkspace, type PortalLinkQuery, type PortalLinkRow, type PortalLinkScope } from '../../db/queries/portal-links';
import { destinationIsAllowed } from './link-destinations';
import { trackedLinkUrl } from './link-qr';

export interface PortalLinkView extends PortalLinkRow {
  /** the address to share: the app's origin plus /r/<code> */
  url: string;
  /** the destination's host is no longer on the merchant's list: visitors see "link not available" */
  destinationBlocked: boolean;
}

/**
 * One page of the links table for one partner record: each link with its shareable URL, what it
 * brought, and whether the merchant's current list still allows its destination (decided by the
 * same rule the edge applies, destinationIsAllowed). Revenue is in `currency`, the base currency.
 */
export async function portalLinksPage(db: Executor, scope: PortalLinkScope, q: PortalLinkQuery, origin: string) {
  const [page, ws] = await Promise.all([listPortalLinks(db, scope, q), portalLinkWorkspace(db, scope.workspaceId)]);
  const allowed = ws?.allowedDomains ?? [];
  const rows: PortalLinkView[] = page.rows.map((l) => ({
    ...l,
    url: trackedLinkUrl(origin, l.code),
    destinationBlocked: !destinationIsAllowed(l.destinationUrl, allowed),
  }));
  return { rows, total: page.total, currency: ws?.baseCurrency ?? 'USD' };
}
