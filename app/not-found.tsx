import Link from 'next/link';

// Also what a signed-in user sees for another tenant's pages: the same answer as for a page that
// does not exist, so nothing is revealed.
export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-6 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-2xl font-semibold text-slate-900">Page not found</h1>
      <p className="max-w-md text-sm text-slate-500">This page does not exist, or your account has no access to it.</p>
      <Link href="/home" className="mt-2 text-sm font-medium text-brand-700">Go to your home page</Link>
    </main>
  );
}
