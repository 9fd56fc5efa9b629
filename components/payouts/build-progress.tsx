'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';
import { formatNumber } from '@/lib/format';

/**
 * While a batch is being built (after the response that confirmed it, or by the build job), the
 * page refreshes itself every second: the bar and the payouts table grow until the batch is ready.
 */
export function BuildProgress({ done, total, building }: { done: number; total: number; building: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!building) return;
    const timer = setInterval(() => router.refresh(), 1_000);
    return () => clearInterval(timer);
  }, [building, router]);
  if (!building) return null;
  const shown = Math.min(done, total);
  const percent = total > 0 ? Math.floor((shown * 100) / total) : 0;
  return (
    <div className="mb-6 rounded-lg border border-brand-100 bg-brand-50/60 p-4" data-testid="build-progress">
      <p role="status" className="mb-2 text-sm text-slate-800">
        Building the batch: {formatNumber(shown)} of {formatNumber(total)} partners done. You can leave this page; the build carries on.
      </p>
      <div role="progressbar" aria-label="Batch build progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 overflow-hidden rounded-full bg-white ring-1 ring-brand-100">
        {/* the width is the one inline style this needs (CSP allows style attributes, see docs/decisions.md) */}
        <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
