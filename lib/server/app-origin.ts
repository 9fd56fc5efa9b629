import 'server-only';
import { headers } from 'next/headers';
import { env } from '../env';

/**
 * The public origin for links shown to people and sent by mail (`https://app.example`, never with
 * a trailing slash, so callers append paths that start with one): APP_URL when set, else this
 * request's host.
 */
export async function appOrigin(): Promise<string> {
  const configured = env().APP_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? `localhost:${env().PORT}`;
  return `${h.get('x-forwarded-proto') ?? 'http'}://${host}`;
}
