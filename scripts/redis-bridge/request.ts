import type { IncomingMessage } from 'node:http';
import type { Command } from './backend';

/** Reading and validating request bodies: the only place that trusts nothing about the caller. */

/** A client mistake: answered with 400 (or `status`) and `{"error": message}`. */
export class BadRequestError extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
    this.name = 'BadRequestError';
  }
}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BadRequestError(`ERR request body larger than ${maxBytes} bytes`, 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`ERR failed to parse JSON request body: ${(error as Error).message}`);
  }
}

/**
 * A command is a non-empty JSON array of strings; numbers are accepted and stringified, since
 * hand-written requests (curl) send them and Redis only sees strings anyway.
 */
export function toCommand(value: unknown): Command {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequestError('ERR a command must be a non-empty JSON array, e.g. ["SET","key","value"]');
  }
  return value.map((arg) => {
    if (typeof arg === 'string') return arg;
    if (typeof arg === 'number' && Number.isFinite(arg)) return String(arg);
    throw new BadRequestError(`ERR command arguments must be strings or numbers, got ${JSON.stringify(arg)}`);
  });
}

export function toCommandList(value: unknown): Command[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BadRequestError('ERR a pipeline must be a non-empty JSON array of commands, e.g. [["GET","a"],["GET","b"]]');
  }
  return value.map(toCommand);
}

/**
 * Upstash's URL form: /set/foo/bar runs SET foo bar, and a POST body (when present) is appended as
 * the last argument, so binary or JSON values need no escaping in the path.
 */
export function commandFromPath(pathname: string, body: string): Command {
  const segments = pathname.split('/').filter((segment) => segment !== '');
  let args: string[];
  try {
    args = segments.map((segment) => decodeURIComponent(segment));
  } catch {
    throw new BadRequestError('ERR malformed URL encoding in command path');
  }
  if (body !== '') args.push(body);
  return toCommand(args);
}
