import { CLIENT_ADDRESS_FROM_SERVER, CLIENT_ADDRESS_HEADER } from './client-address-header';

export interface WebConfig {
  /** Gateway `/graphql` URL the Next server calls (auth route handlers). */
  gatewayUrl: string;
  /** Gateway `/graphql` URL browsers call; differs when the gateway sits behind a public host name. */
  publicGatewayUrl: string;
  /** Mark the refresh cookie Secure (HTTPS only). */
  secureCookies: boolean;
  /** Whether `x-forwarded-for` on incoming requests was written by web-server.ts (not the browser). */
  clientAddressFromServer: boolean;
  /** A trace viewer's URL with `{traceId}` in it (Jaeger: `http://localhost:16686/trace/{traceId}`), or null. */
  traceViewerUrl: string | null;
}

function readUrl(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name]?.trim() || fallback;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return url.toString();
  } catch {
    throw new Error(`Invalid configuration for web: ${name} must be an http(s) URL, got "${value}"`);
  }
}

function readTraceViewerUrl(env: NodeJS.ProcessEnv): string | null {
  const value = env.TRACE_VIEWER_URL?.trim();
  if (!value) return null;
  const url = readUrl(env, 'TRACE_VIEWER_URL', value);
  if (!value.includes('{traceId}'))
    throw new Error(`Invalid configuration for web: TRACE_VIEWER_URL must contain {traceId}, got "${value}"`);
  // URL parsing escapes the braces; the template keeps them.
  return url.replace('%7BtraceId%7D', '{traceId}');
}

/** Read at request time, not build time, so one build runs against any gateway. */
export function loadWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  const gatewayUrl = readUrl(env, 'GATEWAY_URL', 'http://127.0.0.1:4000/graphql');
  return {
    gatewayUrl,
    publicGatewayUrl: readUrl(env, 'GATEWAY_PUBLIC_URL', gatewayUrl),
    secureCookies: env.NODE_ENV === 'production',
    clientAddressFromServer: env[CLIENT_ADDRESS_FROM_SERVER] === 'true',
    traceViewerUrl: readTraceViewerUrl(env),
  };
}

/** The browser's address to pass on to the gateway; none when a browser could have written the header. */
export function browserAddress(request: Request, config: WebConfig): string | null {
  return config.clientAddressFromServer ? request.headers.get(CLIENT_ADDRESS_HEADER) : null;
}
