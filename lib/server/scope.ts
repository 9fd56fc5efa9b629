import type { MemberRole } from '../domain/roles';

export { ROLE_GROUPS, roleCan, type RoleGroup } from '../domain/roles';

/** The tenant a merchant-side service acts in, resolved by the guards from the session. */
export interface MerchantScope {
  workspaceId: string;
  workspaceSlug: string;
  /** the signed-in member; null when an API key acts (the audit log then names the key) */
  userId: string | null;
  role: MemberRole;
  baseCurrency: string;
  /** IANA zone (or 'UTC') the console shows this workspace's dates in; exports stay in UTC */
  timeZone: string;
}
