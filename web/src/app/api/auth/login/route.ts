import type { NextResponse } from 'next/server';
import type { AuthFailure, SessionPayload } from '@/auth/auth-payload';
import { LoginDocument } from '@/server/auth-operations';
import { crossOriginResponse, failureResponse, isSameOrigin, sessionResponse } from '@/server/auth-response';
import { gatewayRequest } from '@/server/gateway-request';
import { browserAddress, loadWebConfig } from '@/server/web-config';

export const dynamic = 'force-dynamic';

/** Signs in through the gateway; sets the refresh cookie and hands the access token to the page. */
export async function POST(request: Request): Promise<NextResponse<SessionPayload | AuthFailure>> {
  if (!isSameOrigin(request)) return crossOriginResponse();
  const config = loadWebConfig();
  const body = (await request.json().catch(() => null)) as { email?: unknown; password?: unknown } | null;
  if (typeof body?.email !== 'string' || typeof body.password !== 'string') {
    return failureResponse([
      { message: 'Enter your email and password.', extensions: { code: 'BAD_USER_INPUT' } },
    ]);
  }
  const result = await gatewayRequest(
    config.gatewayUrl,
    LoginDocument,
    { email: body.email, password: body.password },
    { userAgent: request.headers.get('user-agent'), clientAddress: browserAddress(request, config) },
  );
  if (!result.ok) return failureResponse(result.errors);
  return sessionResponse(result.data.login, config.secureCookies);
}
