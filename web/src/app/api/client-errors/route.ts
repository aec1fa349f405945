import { crossOriginResponse, isSameOrigin } from '@/server/auth-response';
import { forwardClientErrorReport } from '@/server/client-error-forwarding';
import { browserAddress, loadWebConfig } from '@/server/web-config';

export const dynamic = 'force-dynamic';

/** Where the root error page (`app/global-error.tsx`) reports the error it shows; only our own pages may post. */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return crossOriginResponse();
  const config = loadWebConfig();
  const body: unknown = await request.json().catch(() => null);
  const status = await forwardClientErrorReport(body, config.gatewayUrl, {
    clientAddress: browserAddress(request, config),
    userAgent: request.headers.get('user-agent'),
  });
  return new Response(null, { status, headers: { 'cache-control': 'no-store' } });
}
