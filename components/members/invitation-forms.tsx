'use client';

import { acceptInvitationAction, signInForInvitationAction, signOutForInvitationAction, signUpByInvitationAction } from '@/lib/actions/auth';
import { ActionForm } from '../forms/action-form';
import { Field } from '../ui/field';

// The invitation page's forms. The token is bound (the action parses it again); the email is the
// invitation's and cannot be changed here.

function InvitedEmail({ email }: { email: string }) {
  return <Field label="Email" name="email" type="email" value={email} readOnly aria-readonly hint="The invitation is for this address." />;
}

/** No account yet: name and password, and the new account joins with the invited role. */
export function InvitationSignUpForm({ token, email }: { token: string; email: string }) {
  return (
    <ActionForm action={signUpByInvitationAction.bind(null, token)} submitLabel="Create account and join" pendingLabel="Joining…">
      {(f) => (
        <>
          <InvitedEmail email={email} />
          <Field label="Your name" name="name" autoComplete="name" required error={f.name} />
          <Field label="Password" name="password" type="password" autoComplete="new-password" required error={f.password} hint="At least 10 characters." />
          {f.token ? <p className="text-sm text-red-600">This link {f.token}.</p> : null}
        </>
      )}
    </ActionForm>
  );
}

/** An account exists: sign in, then accept on the same page. */
export function InvitationSignInForm({ token, email }: { token: string; email: string }) {
  return (
    <ActionForm action={signInForInvitationAction.bind(null, token)} submitLabel="Sign in" pendingLabel="Signing in…">
      {(f) => (
        <>
          <InvitedEmail email={email} />
          <Field label="Password" name="password" type="password" autoComplete="current-password" required error={f.password} />
        </>
      )}
    </ActionForm>
  );
}

export function AcceptInvitationForm({ token, label }: { token: string; label: string }) {
  return (
    <ActionForm action={acceptInvitationAction.bind(null, token)} submitLabel={label} pendingLabel="Joining…">
      {() => null}
    </ActionForm>
  );
}

export function SignOutForInvitationForm({ token }: { token: string }) {
  return (
    <ActionForm action={signOutForInvitationAction.bind(null, token)} submitLabel="Sign out" pendingLabel="Signing out…">
      {() => null}
    </ActionForm>
  );
}
