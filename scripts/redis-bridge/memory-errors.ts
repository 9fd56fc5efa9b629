/**
 * Error replies and argument parsing for the in-memory store, worded exactly like Redis 7 so code
 * (and tests) that match on messages behave the same against the store and against real Redis.
 */

/** A Redis error reply; `message` is the full reply text including its prefix (ERR, WRONGTYPE...). */
export class RedisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisError';
  }
}

export const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
export const NOT_INTEGER = 'ERR value is not an integer or out of range';
export const NOT_FLOAT = 'ERR value is not a valid float';
export const SYNTAX = 'ERR syntax error';
export const OVERFLOW = 'ERR increment or decrement would overflow';
export const MUST_BE_POSITIVE = 'ERR value is out of range, must be positive';

export function fail(message: string): never {
  throw new RedisError(message);
}

export function wrongArity(name: string): RedisError {
  return new RedisError(`ERR wrong number of arguments for '${name.toLowerCase()}' command`);
}

/** Redis 7 quotes the first arguments (up to ~128 characters) after an unknown command name. */
export function unknownCommand(cmd: readonly string[]): RedisError {
  let args = '';
  for (const arg of cmd.slice(1)) {
    if (args.length >= 128) break;
    args += `'${arg.slice(0, 128 - args.length)}' `;
  }
  return new RedisError(`ERR unknown command '${(cmd[0] ?? '').slice(0, 128)}', with args beginning with: ${args}`);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Redis' string2ll: optional '-', no '+', no leading zeros, no spaces, fits in a signed 64-bit integer. */
export function parseBigInt(text: string, message: string = NOT_INTEGER): bigint {
  if (!/^(0|-?[1-9][0-9]{0,19})$/.test(text)) fail(message);
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX) fail(message);
  return value;
}

export function parseInteger(text: string, message: string = NOT_INTEGER): number {
  return Number(parseBigInt(text, message));
}

/** Adds with Redis' 64-bit overflow check, so INCRBY near the limits fails like the real thing. */
export function addInt64(a: bigint, b: bigint): bigint {
  const sum = a + b;
  if (sum < INT64_MIN || sum > INT64_MAX) fail(OVERFLOW);
  return sum;
}

/** Redis' strtod-based float parsing: accepts inf/-inf, rejects NaN, blanks and trailing junk. */
export function parseFloat64(text: string, message: string = NOT_FLOAT): number {
  const lower = text.toLowerCase();
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) fail(message);
  const value = Number(text);
  if (Number.isNaN(value)) fail(message);
  return value;
}

/**
 * Formats a score the way Redis 7.0 replies with doubles (printf "%.17g"), so ZSCORE/ZINCRBY text
 * matches a real server byte for byte: 1.5 -> "1.5", 0.1 -> "0.10000000000000001", 1e300 ->
 * "1.0000000000000001e+300". Zero is always "0" and infinities are "inf"/"-inf".
 */
export function formatDouble(value: number): string {
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return '0';
  const [digits, exponentText] = value.toExponential(16).split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 17) {
    const mantissa = stripZeros(digits);
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return stripZeros(value.toFixed(16 - exponent));
}

/** %g drops trailing zeros of the fraction, and the point itself when nothing is left after it. */
function stripZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
