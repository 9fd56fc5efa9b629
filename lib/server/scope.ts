import type { MemberRole } from '../../db/queries/workspaces';

/** The tenant a merchant-side service acts in, resolved by the guards from the session. */
export interface MerchantScope {
  workspaceId: string;
  workspaceSlug: string;
  userId: string;
  role: MemberRole;
  baseCurrency: string;
}

export const ROLE_GROUPS = {
  any: ['owner', 'admin', 'finance', 'viewer'],
  manage: ['owner', 'admin'],
  finance: ['owner', 'admin', 'finance'],
} as const satisfies Record<string, readonly MemberRole[]>;
