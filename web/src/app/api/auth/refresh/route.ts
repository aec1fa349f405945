import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import type { AuthFailure, SessionPayload } from '@/auth/auth-payload';
import { RefreshSessionDocument } from '@/server/auth-operations';
import { crossOriginResponse, failureResponse, isSameOrigin, sessionResponse } from '@/server/auth-response';
import { gatewayRequest } from '@/server/gateway-request';
import { clearRefreshCookie, REFRESH_COOKIE } from '@/server/refresh-cookie';
import { browserAddress, loadWebConfig } from '@/server/web-config';

export const dynamic = 'force-dynamic';

/** Trades the cookie's single-use refresh token for a new pair; a dead token clears the cookie. */
export async function POST(request: Request): Promise<NextResponse<SessionPayload | AuthFailure | null>> {
  if (!isSameOrigin(request)) return crossOriginResponse();
  const config = loadWebConfig();
  const refreshToken = (await cookies()).get(REFRESH_COOKIE)?.value;
  // No cookie is the ordinary signed-out visit, not a failure: answer without an error status.
  if (!refreshToken) return new NextResponse(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  const result = await gatewayRequest(
    config.gatewayUrl,
    RefreshSessionDocument,
    { refreshToken },
    { userAgent: request.headers.get('user-agent'), clientAddress: browserAddress(request, config) },
  );
  if (result.ok) return sessionResponse(result.data.refreshSession, config.secureCookies);
  const response = failureResponse(result.errors);
  // Keep the cookie when the gateway is merely unreachable: the session is still good once it is back.
  if (response.status === 401) clearRefreshCookie(response, config.secureCookies);
  return response;
}
