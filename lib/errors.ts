// One typed error for the whole app, mapped once to HTTP statuses and action results.
export type AppErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'unauthorized'
  | 'invalid_input'
  | 'conflict'
  | 'rate_limited'
  | 'fx_rate_missing'
  | 'unprocessable'
  | 'payload_too_large'
  | 'internal';

const STATUS: Record<AppErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  unauthorized: 401,
  invalid_input: 400,
  conflict: 409,
  rate_limited: 429,
  fx_rate_missing: 422,
  unprocessable: 422,
  payload_too_large: 413,
  internal: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** field path -> message, for invalid_input */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what = 'Not found') => new AppError('not_found', what);

/** zod issues to { "data.lines.0.amount": "must be ..." } */
export function fieldErrors(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
}
