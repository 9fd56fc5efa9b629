import { AppError } from '../errors';

const MAX_URL_LENGTH = 2048;

const isLocalHost = (hostname: string) => hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '127.0.0.1' || hostname === '[::1]';

/**
 * Allowed-domain entries are host names (`shop.example.com`, subdomains included) or, for local
 * development, `host:port` (then the port must match too).
 */
export function hostIsAllowed(url: URL, allowed: string): boolean {
  const entry = allowed.trim().toLowerCase();
  if (!entry) return false;
  const host = entry.includes(':') ? url.host : url.hostname;
  return host === entry || host.endsWith(`.${entry}`);
}

/** Why a parsed URL may not be a destination under these domains, or null when it may. */
function destinationRefusal(url: URL, allowedDomains: readonly string[]): string | null {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocalHost(url.hostname))) return 'must start with https://';
  if (url.username || url.password) return 'must not contain a user name or password';
  if (allowedDomains.length === 0) return 'cannot be accepted yet: the merchant has not allowed any destination domains';
  if (!allowedDomains.some((d) => hostIsAllowed(url, d))) return `must be on ${allowedDomains.join(', ')} (or a subdomain)`;
  return null;
}

/**
 * Where a tracked link may send visitors: an https URL (http only for localhost, for development)
 * on one of the workspace's allowed hosts. An empty list allows nothing, so a merchant decides
 * where partners' traffic lands before any link exists. Returns the URL as the WHATWG parser
 * normalises it (lower-case host, encoded spaces).
 */
export function checkDestination(raw: string, allowedDomains: readonly string[]): string {
  const refuse = (message: string) => new AppError('invalid_input', `Destination URL ${message}.`, { destinationUrl: message });
  const text = raw.trim();
  if (text.length > MAX_URL_LENGTH) throw refuse(`must be at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse('must be a full URL such as https://shop.example.com/');
  }
  const refusal = destinationRefusal(url, allowedDomains);
  if (refusal) throw refuse(refusal);
  return url.href;
}

/**
 * Whether an existing link may still send visitors to its stored destination. The same rule as
 * creation, applied to the workspace's current list: removing a host (or emptying the list) stops
 * the links that point there, adding it back lets them redirect again. Nothing is stored per link,
 * so the answer can never lag behind the list in Postgres.
 */
export function destinationIsAllowed(destination: string, allowedDomains: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(destination);
  } catch {
    return false;
  }
  return destinationRefusal(url, allowedDomains) === null;
}
