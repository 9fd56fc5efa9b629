/**
 * Redis' glob matcher (util.c stringmatchlen) for KEYS and SCAN MATCH: `*`, `?`, `[abc]`, `[^a]`,
 * `[a-z]` and `\` escapes. Hand-written rather than converted to a RegExp so that edge cases
 * (unterminated classes, reversed ranges, escapes inside classes) follow Redis, not RegExp syntax.
 */
export function globMatch(pattern: string, text: string): boolean {
  return matchFrom(pattern, 0, text, 0);
}

function matchFrom(pattern: string, p: number, text: string, t: number): boolean {
  while (p < pattern.length) {
    const c = pattern[p];
    if (c === '*') {
      while (pattern[p + 1] === '*') p++; // collapse runs of stars
      if (p + 1 === pattern.length) return true;
      for (let i = t; i <= text.length; i++) {
        if (matchFrom(pattern, p + 1, text, i)) return true;
      }
      return false;
    }
    if (t >= text.length) return false;
    if (c === '?') {
      t++;
      p++;
      continue;
    }
    if (c === '[') {
      const result = matchClass(pattern, p + 1, text[t]);
      if (!result.matched) return false;
      p = result.next;
      t++;
      continue;
    }
    let literal = c;
    if (c === '\\' && p + 1 < pattern.length) literal = pattern[++p];
    if (literal !== text[t]) return false;
    p++;
    t++;
  }
  return t === text.length;
}

/** Matches one character against the class starting after '['; returns where the pattern resumes. */
function matchClass(pattern: string, start: number, ch: string): { matched: boolean; next: number } {
  let p = start;
  const negate = pattern[p] === '^';
  if (negate) p++;
  let matched = false;
  while (p < pattern.length && pattern[p] !== ']') {
    if (pattern[p] === '\\' && p + 1 < pattern.length) {
      p++;
      if (pattern[p] === ch) matched = true;
    } else if (pattern[p + 1] === '-' && p + 2 < pattern.length) {
      let lo = pattern[p];
      let hi = pattern[p + 2];
      if (lo > hi) [lo, hi] = [hi, lo];
      if (ch >= lo && ch <= hi) matched = true;
      p += 2;
    } else if (pattern[p] === ch) {
      matched = true;
    }
    p++;
  }
  // Like Redis, an unterminated class simply ends at the end of the pattern.
  return { matched: negate ? !matched : matched, next: p < pattern.length ? p + 1 : p };
}
