// Postgres cannot store a NUL character in text or jsonb, and refuses a lone UTF-16 surrogate in
// jsonb (it is not valid Unicode). Either one in a stored string used to make the insert fail, the
// endpoint answer 500 and the provider give up: the order was never recorded. Every signed endpoint
// passes its parsed body through cleanStrings before validation, so no stored string can carry one.
//
// Clean rather than refuse: a provider cannot fix the payload it sends (a shopper typed the
// character into a discount code or a landing-page URL), and a refused order is a lost order. Each
// NUL and each lone surrogate becomes U+FFFD, the replacement character Unicode defines for exactly
// this; valid surrogate pairs (emoji, etc.) are kept.

const REPLACEMENT = '\uFFFD';
// a NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanString(s: string): string {
  UNSTORABLE.lastIndex = 0;
  return UNSTORABLE.test(s) ? s.replace(UNSTORABLE, REPLACEMENT) : s;
}

type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  if (Array.isArray(v)) return true;
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  // only plain objects, as JSON.parse makes them; class instances (Date, a lossless number) stay as they are
  return proto === Object.prototype || proto === null;
}

/**
 * A deep copy of `value` in which every string, and every object key, is cleaned (see above).
 * Numbers, booleans, null and non-plain objects are kept as they are. Iterative, not recursive: a
 * signed body nested a hundred thousand levels deep must not overflow the stack (a 500).
 */
export function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return cleanString(value) as T;
  if (!isContainer(value)) return value;
  const copies = new Map<Container, Container>();
  const shell = (src: Container): Container => (Array.isArray(src) ? new Array(src.length) : {});
  const root = shell(value);
  copies.set(value, root);
  const pending: Array<[Container, Container]> = [[value, root]];
  while (pending.length > 0) {
    const [src, dst] = pending.pop()!;
    for (const key of Object.keys(src)) {
      const v = (src as Record<string, unknown>)[key];
      let out: unknown = v;
      if (typeof v === 'string') out = cleanString(v);
      else if (isContainer(v)) {
        const known = copies.get(v);
        if (known) out = known;
        else {
          const copy = shell(v);
          copies.set(v, copy);
          pending.push([v, copy]);
          out = copy;
        }
      }
      // defineProperty, not assignment: a JSON key "__proto__" must stay a plain own property
      Object.defineProperty(dst, Array.isArray(dst) ? key : cleanString(key), { value: out, writable: true, enumerable: true, configurable: true });
    }
  }
  return root as T;
}
