import { NextResponse } from 'next/server';
import type { AuthFailure, SessionPayload } from '@/auth/auth-payload';
import { errorInfoFromWire } from '@/errors/error-info';
import type { AuthPayloadFieldsFragment } from '@/gql/graphql';
import type { GatewayError } from './gateway-request';
import { setRefreshCookie } from './refresh-cookie';

const STATUS_BY_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};

const NO_STORE = { 'cache-control': 'no-store' };

/** The access token goes to the page (kept in memory); the refresh token only into the httpOnly cookie. */
export function sessionResponse(
  payload: AuthPayloadFieldsFragment,
  secureCookies: boolean,
): NextResponse<SessionPayload> {
  const body: SessionPayload = {
    accessToken: payload.accessToken,
    expiresAt: payload.expiresAt,
    user: payload.user,
  };
  const response = NextResponse.json(body, { headers: NO_STORE });
  setRefreshCookie(response, payload.refreshToken, secureCookies);
  return response;
}

export function failureResponse(errors: GatewayError[]): NextResponse<AuthFailure> {
  const error = errorInfoFromWire(errors[0]);
  return NextResponse.json({ error }, { status: STATUS_BY_CODE[error.code] ?? 502, headers: NO_STORE });
}

/** Cookie-bearing auth routes answer only to our own pages: a cross-site form or script gets 403. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return request.headers.get('sec-fetch-site') !== 'cross-site';
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function crossOriginResponse(): NextResponse<AuthFailure> {
  return failureResponse([
    { message: 'Cross-site request refused.', extensions: { code: 'FORBIDDEN', reason: 'cross_origin' } },
  ]);
}
