/**
 * Why an identity operation refused; the value is the `reason` clients see in `extensions`.
 * Mapped to the kit's DomainError at the GraphQL boundary (resolvers/identity-error-mapping.ts).
 */
export enum IdentityErrorCode {
  INVALID_CREDENTIALS = 'invalid_credentials',
  ACCOUNT_LOCKED = 'account_locked',
  EMAIL_NOT_VERIFIED = 'email_not_verified',
  SIGN_IN_THROTTLED = 'sign_in_throttled',
  VERIFICATION_THROTTLED = 'verification_throttled',
  INVALID_VERIFICATION_TOKEN = 'invalid_verification_token',
  INVALID_REFRESH_TOKEN = 'invalid_refresh_token',
  REFRESH_TOKEN_REUSED = 'refresh_token_reused',
  NO_SESSION_IN_TOKEN = 'no_session_in_token',
  SESSION_NOT_FOUND = 'session_not_found',
  INVALID_CLIENT = 'invalid_client',
  INVALID_SCOPE = 'invalid_scope',
  SERVICE_CLIENT_NOT_FOUND = 'service_client_not_found',
  EMAIL_HIDDEN = 'email_hidden',
}

/** Thrown by identity's services; carries details (field, retry time) safe to show the caller. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';

  constructor(
    readonly code: IdentityErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
