import Link from 'next/link';
import { ResetPasswordForm } from '@/components/forms/auth-forms';

export const metadata = { title: 'Choose a new password' };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">Choose a new password</h1>
      {token ? <ResetPasswordForm token={token} /> : <p className="text-sm text-slate-600">This page needs the link from your email.</p>}
      <p className="mt-6 text-sm"><Link href="/sign-in" className="text-brand-700">Back to sign in</Link></p>
    </>
  );
}
