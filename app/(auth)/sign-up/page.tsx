import Link from 'next/link';
import { SignUpForm } from '@/components/forms/auth-forms';

export const metadata = { title: 'Create your workspace' };

export default function SignUpPage() {
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Create your workspace</h1>
      <p className="mb-6 text-sm text-slate-500">You will be its owner. Partners join through your programs&apos; pages.</p>
      <SignUpForm />
      <p className="mt-6 text-sm text-slate-500">
        Already have an account? <Link href="/sign-in" className="text-brand-700">Sign in</Link>
      </p>
    </>
  );
}
