// Ids are minted where the click happens (the edge), so a click may be delivered twice (a client
// retry, a relay after a timed-out write) and still be stored once: the id is the primary key.

function randomHex(bytes: number): string {
  const buf = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buf);
  let out = '';
  for (const b of buf) out += b.toString(16).padStart(2, '0');
  return out;
}

export const newClickId = (): string => `clk_${randomHex(16)}`;
export const newVisitorId = (): string => `v_${randomHex(16)}`;

export const isClickId = (s: string): boolean => /^clk_[0-9a-f]{32}$/.test(s);
export const isVisitorId = (s: string): boolean => /^v_[0-9a-f]{32}$/.test(s);

// Lower-case letters, digits and inner dashes: readable in a URL, and case-insensitive in practice
// because /r/<code> is lower-cased before the lookup.
const CODE = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const isLinkCode = (s: string): boolean => CODE.test(s);
