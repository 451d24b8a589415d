/**
 * The one error type of Retain. Codes are stable strings; entry points map them to
 * HTTP statuses (api/) and exit codes (cli/). Messages say what was expected and what was found.
 */
export const ErrorCode = {
  BadInput: "BAD_INPUT",
  BadConfig: "BAD_CONFIG",
  FileRefused: "FILE_REFUSED",
  NotFound: "NOT_FOUND",
  Conflict: "CONFLICT",
  Unauthorized: "UNAUTHORIZED",
  Forbidden: "FORBIDDEN",
  PayloadTooLarge: "PAYLOAD_TOO_LARGE",
  RateLimited: "RATE_LIMITED",
  NoActiveModel: "NO_ACTIVE_MODEL",
  Database: "DATABASE",
  Internal: "INTERNAL",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
