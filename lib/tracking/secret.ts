/** Compares a presented secret with JOB_SECRET in constant time, without node:crypto (edge). */
export async function isJobSecret(given: string | null | undefined): Promise<boolean> {
  const expected = process.env.JOB_SECRET;
  if (!expected || !given) return false;
  const digest = async (s: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export function presentedSecret(headers: Headers): string | null {
  return headers.get('x-job-secret') ?? headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? null;
}
