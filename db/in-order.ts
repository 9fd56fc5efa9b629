/**
 * Runs queries one after another. Inside a transaction every query goes over the same connection,
 * and node-postgres refuses (deprecates) overlapping queries on one client, so code that may run
 * in a transaction must not Promise.all its queries.
 */
export async function inOrder<T extends readonly (() => Promise<unknown>)[]>(
  ...steps: T
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const results: unknown[] = [];
  for (const step of steps) results.push(await step());
  return results as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}
