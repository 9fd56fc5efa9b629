import Link from 'next/link';
import { requireMerchant } from '@/lib/auth/guards';
import { getDb } from '@/db/client';
import { countMembersByRole, listMembersPage, MEMBER_SORTS, type MemberRow, type MemberSort } from '@/db/queries/members';
import { listOpenInvitations } from '@/db/queries/invitations';
import { leavesNoOwner, removalRefusal, rolesGrantableBy } from '@/lib/domain/members';
import { roleCan } from '@/lib/domain/roles';
import { formatDate } from '@/lib/time';
import type { WorkspaceTablePageProps } from '@/lib/page-props';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { ServerTable, tableStateFrom, type Column } from '@/components/data-table/server-table';
import { InviteForm } from '@/components/members/invite-form';
import { MemberNotices } from '@/components/members/notices';
import { MemberRoleForm } from '@/components/members/member-role-form';
import { RemoveMemberButton } from '@/components/members/remove-member-button';
import { InvitationList } from '@/components/members/invitation-list';
import { RoleGuide } from '@/components/members/role-guide';

export const metadata = { title: 'Members' };

// open invitations are few (one per email); past this many the list says how many it leaves out
const INVITATIONS_SHOWN = 50;

export default async function MembersPage({ params, searchParams }: WorkspaceTablePageProps) {
  const { scope } = await requireMerchant((await params).workspace);
  const state = tableStateFrom(await searchParams, MEMBER_SORTS, { sort: 'email', dir: 'asc' });
  const db = getDb();
  const [{ rows, total }, byRole, invitations] = await Promise.all([
    listMembersPage(db, scope.workspaceId, { ...state, sort: state.sort as MemberSort }),
    countMembersByRole(db, scope.workspaceId),
    listOpenInvitations(db, scope.workspaceId, INVITATIONS_SHOWN),
  ]);
  const owners = byRole.owner ?? 0;
  const canManage = roleCan(scope.role, 'manage');
  const grantable = rolesGrantableBy(scope.role);
  const now = new Date();

  const roleCell = (m: MemberRow) => {
    const lastOwner = leavesNoOwner(m.role, null, owners);
    const changeable = canManage && !lastOwner && (m.role !== 'owner' || scope.role === 'owner');
    if (!changeable) {
      return (
        <span className="flex flex-wrap items-center gap-2">
          <Badge tone={m.role === 'owner' ? 'blue' : 'slate'}>{m.role}</Badge>
          {lastOwner && canManage ? <span className="text-xs text-slate-500">last owner</span> : null}
        </span>
      );
    }
    return <MemberRoleForm workspaceSlug={scope.workspaceSlug} memberId={m.memberId} memberName={m.name ?? m.email} role={m.role} options={grantable} />;
  };
  const actionCell = (m: MemberRow) => {
    const isSelf = m.userId === scope.userId;
    if (removalRefusal(scope.role, m.role, isSelf) || leavesNoOwner(m.role, null, owners)) return null;
    return <RemoveMemberButton workspaceSlug={scope.workspaceSlug} memberId={m.memberId} memberName={m.name ?? m.email} isSelf={isSelf} />;
  };
  const columns: Column<MemberRow>[] = [
    {
      key: 'member',
      header: 'Member',
      sortKey: 'email',
      cell: (m) => (
        <div className="flex min-w-40 flex-col">
          <span className="font-medium text-slate-900">
            {m.name ?? m.email}
            {m.userId === scope.userId ? <span className="ml-1 text-xs font-normal text-slate-500">(you)</span> : null}
          </span>
          <span className="break-all text-xs text-slate-500">{m.email}</span>
        </div>
      ),
    },
    { key: 'role', header: 'Role', sortKey: 'role', cell: roleCell },
    { key: 'since', header: 'Member since', sortKey: 'since', className: 'whitespace-nowrap', cell: (m) => formatDate(m.since, scope.timeZone) },
    { key: 'actions', header: '', cell: actionCell },
  ];

  return (
    <>
      <PageHeader
        title="Members"
        description="Who can open this console, and what each role may do."
        action={<Link href={`/m/${scope.workspaceSlug}/settings`} className="text-sm text-brand-700">← Settings</Link>}
      />
      <ReadOnlyNotice role={scope.role} />
      <MemberNotices>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
          <div className="flex min-w-0 flex-col gap-6 lg:col-span-2">
            <ServerTable
              rows={rows}
              total={total}
              columns={columns}
              state={state}
              basePath={`/m/${scope.workspaceSlug}/settings/members`}
              rowKey={(m) => m.memberId}
              empty={<p className="text-sm text-slate-500">No members.</p>}
            />
            <Card title={`Open invitations (${invitations.total})`}>
              <InvitationList
                workspaceSlug={scope.workspaceSlug}
                invitations={invitations.rows}
                total={invitations.total}
                canRevoke={canManage}
                timeZone={scope.timeZone}
                now={now}
              />
            </Card>
          </div>
          <div className="flex min-w-0 flex-col gap-6">
            {canManage ? (
              <Card title="Invite a member">
                <InviteForm workspaceSlug={scope.workspaceSlug} roles={grantable} />
                <p className="mt-3 text-xs text-slate-500">The link works once, for 7 days. Inviting the same email again replaces the earlier link.</p>
              </Card>
            ) : null}
            <Card title="Roles">
              <RoleGuide />
            </Card>
          </div>
        </div>
      </MemberNotices>
    </>
  );
}
