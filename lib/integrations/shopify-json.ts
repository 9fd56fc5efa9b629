import { parse } from 'lossless-json';
import { AppError } from '../errors';

// Shopify's REST webhooks carry ids as JSON numbers, and ids of new shops already pass 2^53, where
// JSON.parse silently changes the last digits (9007199254740993 reads as ...992): a refund would
// then name an order that does not exist. The body is therefore read with a parser that sees each
// number's text: integers a double holds exactly stay numbers; every other number (a larger
// integer, or a decimal such as a refund line's `"subtotal": 27.0`) arrives as its exact text, which
// the Shopify schemas accept wherever an id or an amount may be a number.

const parseNumber = (text: string): number | string => {
  if (/^-?\d+$/.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n;
  }
  return text;
};

/** A Shopify webhook body with every number exact; 400 when it is not JSON. */
export function parseShopifyJson(raw: string): unknown {
  try {
    // a repeated key keeps its last value, as JSON.parse does (lossless-json would throw)
    return parse(raw, null, { parseNumber, onDuplicateKey: ({ newValue }) => newValue });
  } catch {
    // a syntax error, or nesting deep enough to exhaust the parser's stack: either way not a payload
    throw new AppError('invalid_input', 'The body is not valid JSON.', { _: 'invalid JSON' });
  }
}
