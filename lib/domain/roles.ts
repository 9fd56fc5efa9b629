// Member roles and what each may do: the one list that the Postgres enum, the guards, the actions
// and the pages all read, so a page can never offer a button its action would refuse.

export const MEMBER_ROLES = ['owner', 'admin', 'finance', 'viewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const ROLE_GROUPS = {
  /** every member: read the console */
  any: MEMBER_ROLES,
  /** configure programs, partners, settings and secrets */
  manage: ['owner', 'admin'],
  /** money: payout batches, settling payouts, closing pool periods */
  finance: ['owner', 'admin', 'finance'],
} as const satisfies Record<string, readonly MemberRole[]>;

export type RoleGroup = keyof typeof ROLE_GROUPS;

export function roleCan(role: MemberRole, group: RoleGroup): boolean {
  return (ROLE_GROUPS[group] as readonly MemberRole[]).includes(role);
}
