/**
 * Calls the app's cron-style job routes on an interval while `npm run dev` runs, as the cron entries
 * of vercel.json do in a deployment. Quiet while jobs succeed; a failure is reported once per
 * streak (the app may still be compiling a route) and recovery is reported too.
 */
export function startJobTicker(opts: { baseUrl: string; secret: string; paths: string[]; everyMs: number }): () => void {
  const failing = new Set<string>();
  let running = false;
  const tick = async () => {
    if (running) return; // a slow run (a big backlog) must not pile up calls
    running = true;
    try {
      await Promise.all(opts.paths.map(async (path) => {
        try {
          const res = await fetch(`${opts.baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${opts.secret}` }, signal: AbortSignal.timeout(60_000) });
          if (!res.ok) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
          if (failing.delete(path)) console.log(`[jobs] ${path} works again`);
        } catch (err) {
          if (!failing.has(path)) console.error(`[jobs] ${path} failed (will keep trying every ${opts.everyMs / 1000} s): ${err instanceof Error ? err.message : String(err)}`);
          failing.add(path);
        }
      }));
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, opts.everyMs);
  return () => clearInterval(timer);
}
