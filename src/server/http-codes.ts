/**
 * Error codes the service answers with, besides the library's (`INVALID_INPUT`, …) and the
 * engine's denial codes: `{"error": {code, message, path}}` with the HTTP status given here.
 */
export const HTTP_ERROR_CODES = {
  UNAUTHORIZED: [401, 'no bearer token, or not one of DIR/api-token and DIR/admin-token'],
  FORBIDDEN: [403, 'the call needs the admin token'],
  FORBIDDEN_HOST: [403, 'the Host header does not name this service (DNS rebinding)'],
  FORBIDDEN_ORIGIN: [403, 'the Origin is neither the service nor a configured origin (cross-site request)'],
  NOT_FOUND: [404, 'no such route'],
  BODY_TOO_LARGE: [413, 'the body is larger than server.bodyLimitBytes'],
  RATE_LIMITED: [429, 'more requests per second with this token than server.rateLimitPerSecond'],
  STORAGE_ERROR: [503, 'a commit failed (disk full, I/O error): nothing was acknowledged, and no new command is taken'],
} as const;

export type HttpErrorCode = keyof typeof HTTP_ERROR_CODES;
