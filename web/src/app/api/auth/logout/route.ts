import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import type { AuthFailure } from '@/auth/auth-payload';
import { LogoutDocument, RefreshSessionDocument } from '@/server/auth-operations';
import { crossOriginResponse, isSameOrigin } from '@/server/auth-response';
import { gatewayRequest } from '@/server/gateway-request';
import { clearRefreshCookie, REFRESH_COOKIE } from '@/server/refresh-cookie';
import { browserAddress, loadWebConfig, type WebConfig } from '@/server/web-config';

export const dynamic = 'force-dynamic';

async function endSession(
  config: WebConfig,
  clientAddress: string | null,
  accessToken: string | undefined,
  refreshToken: string | undefined,
): Promise<void> {
  if (accessToken) {
    const result = await gatewayRequest(
      config.gatewayUrl,
      LogoutDocument,
      {},
      { accessToken, clientAddress },
    );
    if (result.ok) return;
  }
  // The page's access token may have expired; the refresh cookie still identifies the session to end.
  if (!refreshToken) return;
  const refreshed = await gatewayRequest(
    config.gatewayUrl,
    RefreshSessionDocument,
    { refreshToken },
    { clientAddress },
  );
  if (refreshed.ok) {
    await gatewayRequest(
      config.gatewayUrl,
      LogoutDocument,
      {},
      { accessToken: refreshed.data.refreshSession.accessToken, clientAddress },
    );
  }
}

/** Ends the session at identity and always clears the cookie, so the browser is signed out either way. */
export async function POST(request: Request): Promise<NextResponse<{ ok: true } | AuthFailure>> {
  if (!isSameOrigin(request)) return crossOriginResponse();
  const config = loadWebConfig();
  const accessToken = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  await endSession(
    config,
    browserAddress(request, config),
    accessToken,
    (await cookies()).get(REFRESH_COOKIE)?.value,
  );
  const response = NextResponse.json({ ok: true as const }, { headers: { 'cache-control': 'no-store' } });
  clearRefreshCookie(response, config.secureCookies);
  return response;
}
