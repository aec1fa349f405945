import type { TypedDocumentNode } from '@apollo/client';
import { print } from 'graphql';

/** One GraphQL error as the gateway sends it. */
export interface GatewayError {
  message: string;
  extensions?: { code?: string; reason?: string; [key: string]: unknown };
}

export type GatewayResult<TData> =
  { ok: true; data: TData } | { ok: false; status: number; errors: GatewayError[] };

export interface GatewayRequestOptions {
  accessToken?: string;
  /** The browser's user agent, so the session list names the real device. */
  userAgent?: string | null;
  /**
   * The browser's address as the web server's socket saw it (see client-address-header.ts), so the
   * sign-in throttle, sessions and audits name the real client; the gateway trusts it from us only.
   */
  clientAddress?: string | null;
}

/** Server-side call to the gateway; network failures become a SERVICE_UNAVAILABLE error rather than a throw. */
export async function gatewayRequest<TData, TVariables>(
  gatewayUrl: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  options: GatewayRequestOptions = {},
): Promise<GatewayResult<TData>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
  if (options.userAgent) headers['user-agent'] = options.userAgent;
  if (options.clientAddress) headers['x-forwarded-for'] = options.clientAddress;
  let response: Response;
  try {
    response = await fetch(gatewayUrl, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: print(document), variables }),
      cache: 'no-store',
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    return unavailable();
  }
  let body: { data?: TData | null; errors?: GatewayError[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    return unavailable();
  }
  if (body.errors?.length || !body.data) {
    return { ok: false, status: response.ok ? 200 : response.status, errors: body.errors ?? [] };
  }
  return { ok: true, data: body.data };
}

function unavailable(): GatewayResult<never> {
  return {
    ok: false,
    status: 503,
    errors: [
      { message: 'The HoloVitals service is not reachable.', extensions: { code: 'SERVICE_UNAVAILABLE' } },
    ],
  };
}
