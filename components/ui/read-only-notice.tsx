import { roleCan, type MemberRole, type RoleGroup } from '@/lib/domain/roles';

/**
 * The line every configurable page shows to a member who may only look: "Read-only for the finance
 * role." Renders nothing for a role that can act (`can`, default 'manage'), so a page can place it
 * unconditionally next to the forms it hides.
 */
export function ReadOnlyNotice({ role, can = 'manage', className = '' }: { role: MemberRole; can?: RoleGroup; className?: string }) {
  if (roleCan(role, can)) return null;
  return (
    <p
      role="note"
      data-testid="read-only-notice"
      className={`mb-4 rounded-md border border-slate-200 bg-slate-50 px-4 py-2 text-sm text-slate-600 ${className}`}
    >
      Read-only for the {role} role.
    </p>
  );
}
