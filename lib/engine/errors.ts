/**
 * The one error type the engine throws. `code` is stable and machine-readable so the service
 * layer can map it to an HTTP status (e.g. `fx_rate_missing` → 422) without parsing messages.
 */
export type EngineErrorCode =
  | 'fx_rate_missing'
  | 'unknown_unit'
  | 'invalid_input'
  | 'invalid_period'
  | 'period_not_ended';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly details: Record<string, string | number | null>;

  constructor(code: EngineErrorCode, message: string, details: Record<string, string | number | null> = {}) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.details = details;
  }
}
