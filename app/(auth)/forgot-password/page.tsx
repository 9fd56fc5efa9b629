import { ForgotPasswordForm } from '@/components/forms/auth-forms';

export const metadata = { title: 'Reset your password' };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">Reset your password</h1>
      <ForgotPasswordForm />
    </>
  );
}
