// The closed list of error codes and the HTTP status each answers with. Add a code here, once.
export const errorStatus = {
  // request shape
  MALFORMED_JSON: 400,
  VALIDATION_FAILED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  RATE_LIMITED: 429,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_KEY_INVALID: 400,
  // auth
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ACCOUNT_DISABLED: 403,
  PHONE_TAKEN: 409,
  USERNAME_TAKEN: 409,
  LAST_OWNER: 409,
  WECHAT_LOGIN_FAILED: 401,
  // settings
  SETTINGS_SECTION_UNKNOWN: 404,
} as const;

export type ErrorCode = keyof typeof errorStatus;
