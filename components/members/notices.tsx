'use client';

import { createContext, useContext, useState, useTransition, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/actions/result';

// The members page's confirmations. A removed member's or a revoked invitation's row disappears
// with the action's answer, so the answer is shown above the list rather than in the row.

const NoticeContext = createContext<(result: ActionResult) => void>(() => undefined);

export function MemberNotices({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<ActionResult | null>(null);
  return (
    <NoticeContext.Provider value={setNotice}>
      {notice?.message ? (
        <p
          role={notice.ok ? 'status' : 'alert'}
          className={`mb-4 rounded-md px-3 py-2 text-sm ${notice.ok ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-700'}`}
        >
          {notice.message}
        </p>
      ) : null}
      {children}
    </NoticeContext.Provider>
  );
}

type BoundAction = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

/** Runs a member action in a transition and reports its answer above the list. */
export function useMemberAction(action: BoundAction): [pending: boolean, run: (fields: Record<string, string>) => void] {
  const notify = useContext(NoticeContext);
  const [pending, start] = useTransition();
  const run = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    start(async () => notify(await action(null, form)));
  };
  return [pending, run];
}
