import Link from 'next/link';
import { getDb } from '@/db/client';
import { currentUser } from '@/lib/auth/guards';
import { describeInvitation, type InvitationView } from '@/lib/server/invitations';
import { invitationTokenSchema } from '@/lib/validation/members';
import { formatDateTime } from '@/lib/time';
import {
  AcceptInvitationForm,
  InvitationSignInForm,
  InvitationSignUpForm,
  SignOutForInvitationForm,
} from '@/components/members/invitation-forms';

export const metadata = { title: 'Invitation' };
export const dynamic = 'force-dynamic';

function Refusal({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">{title}</h1>
      <p className="text-sm text-slate-600">{children}</p>
      <p className="mt-6 text-sm"><Link href="/sign-in" className="text-brand-700">Go to sign in</Link></p>
    </>
  );
}

function Heading({ inv }: { inv: InvitationView }) {
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Join {inv.workspaceName}</h1>
      <p className="mb-6 text-sm text-slate-600">
        {inv.invitedBy ? `${inv.invitedBy} invited you` : 'You are invited'} as <strong className="font-semibold">{inv.role}</strong>. The
        invitation is for {inv.email} and works until {formatDateTime(inv.expiresAt, inv.timeZone)}.
      </p>
    </>
  );
}

/**
 * Where an invitation's link lands. Reads only: joining happens through the forms' actions, which
 * check the token again. A token that is not ours and one of another shape read the same.
 */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const parsed = invitationTokenSchema.safeParse(token);
  const [inv, user] = await Promise.all([parsed.success ? describeInvitation(getDb(), parsed.data) : undefined, currentUser()]);
  if (!inv) {
    return <Refusal title="This invitation link is not valid">Check that you copied all of it from the email, or ask for a new invitation.</Refusal>;
  }
  if (inv.state === 'accepted') {
    if (user && user.id === inv.acceptedBy) {
      return (
        <Refusal title={`You joined ${inv.workspaceName}`}>
          This invitation is already accepted. <Link href={`/m/${inv.workspaceSlug}`} className="text-brand-700">Open the console</Link>.
        </Refusal>
      );
    }
    return <Refusal title="This invitation has already been used">Each invitation link works once. Ask for a new invitation if you still need access.</Refusal>;
  }
  if (inv.state === 'revoked') {
    return <Refusal title="This invitation was revoked">It was revoked or replaced by a newer one. Ask {inv.invitedBy ?? 'the person who invited you'} for a new invitation.</Refusal>;
  }
  if (inv.state === 'expired') {
    return <Refusal title="This invitation has expired">It expired on {formatDateTime(inv.expiresAt, inv.timeZone)}. Ask {inv.invitedBy ?? 'the person who invited you'} for a new one.</Refusal>;
  }
  if (user && user.email.toLowerCase() !== inv.email) {
    return (
      <>
        <Heading inv={inv} />
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          You are signed in as {user.email}, but this invitation is for {inv.email}. Sign out, then sign in or sign up as {inv.email}.
        </p>
        <SignOutForInvitationForm token={token} />
      </>
    );
  }
  return (
    <>
      <Heading inv={inv} />
      {user ? (
        <AcceptInvitationForm token={token} label={`Join ${inv.workspaceName} as ${inv.role}`} />
      ) : inv.accountExists ? (
        <>
          <p className="mb-4 text-sm text-slate-600">You already have an account. Sign in to accept.</p>
          <InvitationSignInForm token={token} email={inv.email} />
          <p className="mt-4 text-sm"><Link href="/forgot-password" className="text-brand-700">Forgot password?</Link></p>
        </>
      ) : (
        <InvitationSignUpForm token={token} email={inv.email} />
      )}
    </>
  );
}
