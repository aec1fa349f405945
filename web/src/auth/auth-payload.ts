import type { ErrorInfo } from '@/errors/error-info';
import type { AuthPayloadFieldsFragment } from '@/gql/graphql';

export type SessionUser = AuthPayloadFieldsFragment['user'];

/** What /api/auth/login and /api/auth/refresh return: never the refresh token, which stays in the cookie. */
export interface SessionPayload {
  accessToken: string;
  expiresAt: string;
  user: SessionUser;
}

export interface AuthFailure {
  error: ErrorInfo;
}
