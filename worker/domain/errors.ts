/**
 * The one error type of the domain layer. Surfaces translate it: REST to an HTTP
 * status, the tool registry to `{ ok: false, error: { code, message } }`, MCP to
 * an `isError` result. Anything that is not a DomainError is a bug and is
 * reported to clients only as an opaque `internal` error.
 */
export const ERROR_STATUS = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra machine-readable facts, e.g. field errors for `invalid_input`. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const invalidInput = (message: string, details?: unknown) => new DomainError('invalid_input', message, details);
export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do that') => new DomainError('forbidden', message);
export const conflict = (message: string, details?: unknown) => new DomainError('conflict', message, details);
