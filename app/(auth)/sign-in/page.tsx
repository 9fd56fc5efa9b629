import Link from 'next/link';
import { SignInForm } from '@/components/forms/auth-forms';

export const metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">Sign in</h1>
      <SignInForm />
      <div className="mt-6 flex justify-between text-sm text-slate-500">
        <Link href="/forgot-password" className="hover:text-brand-700">Forgot password?</Link>
        <Link href="/sign-up" className="hover:text-brand-700">Create a merchant workspace</Link>
      </div>
    </>
  );
}
