'use client';

import { ActionForm } from './action-form';
import { Field, SelectField } from '../ui/field';
import {
  joinProgramAction,
  requestPasswordResetAction,
  resetPasswordAction,
  signInAction,
  signUpAction,
} from '@/lib/actions/auth';

export function SignInForm() {
  return (
    <ActionForm action={signInAction} submitLabel="Sign in" pendingLabel="Signing in…">
      {(f) => (
        <>
          <Field label="Email" name="email" type="email" autoComplete="email" required error={f.email} />
          <Field label="Password" name="password" type="password" autoComplete="current-password" required error={f.password} />
        </>
      )}
    </ActionForm>
  );
}

const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY', 'CHF', 'SEK'].map((c) => ({ value: c, label: c }));

export function SignUpForm() {
  return (
    <ActionForm action={signUpAction} submitLabel="Create workspace" pendingLabel="Creating…">
      {(f) => (
        <>
          <Field label="Your name" name="name" autoComplete="name" required error={f.name} />
          <Field label="Work email" name="email" type="email" autoComplete="email" required error={f.email} />
          <Field label="Password" name="password" type="password" autoComplete="new-password" required error={f.password} hint="At least 10 characters." />
          <Field label="Company or workspace name" name="workspaceName" required error={f.workspaceName} />
          <SelectField label="Base currency" name="baseCurrency" options={CURRENCIES} defaultValue="USD" error={f.baseCurrency} />
        </>
      )}
    </ActionForm>
  );
}

export function JoinProgramForm({ workspaceSlug, programSlug, signedInAs }: { workspaceSlug: string; programSlug: string; signedInAs?: string }) {
  const action = joinProgramAction.bind(null, { workspaceSlug, programSlug });
  if (signedInAs) {
    return (
      <ActionForm action={action} submitLabel="Apply to this program">
        {() => <p className="text-sm text-slate-600">You are signed in as {signedInAs}.</p>}
      </ActionForm>
    );
  }
  return (
    <ActionForm action={action} submitLabel="Apply" pendingLabel="Applying…">
      {(f) => (
        <>
          <Field label="Your name" name="name" autoComplete="name" required error={f.name} />
          <Field label="Company (optional)" name="company" autoComplete="organization" error={f.company} />
          <Field label="Email" name="email" type="email" autoComplete="email" required error={f.email} />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            error={f.password}
            hint="At least 10 characters. Already have an account? Use its password."
          />
        </>
      )}
    </ActionForm>
  );
}

export function ForgotPasswordForm() {
  return (
    <ActionForm action={requestPasswordResetAction} submitLabel="Email me a reset link">
      {(f) => <Field label="Email" name="email" type="email" autoComplete="email" required error={f.email} />}
    </ActionForm>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  return (
    <ActionForm action={resetPasswordAction} submitLabel="Set new password">
      {(f) => (
        <>
          <input type="hidden" name="token" value={token} />
          {f.token ? <p className="text-sm text-red-600">This link {f.token}.</p> : null}
          <Field label="New password" name="password" type="password" autoComplete="new-password" required error={f.password} />
        </>
      )}
    </ActionForm>
  );
}
