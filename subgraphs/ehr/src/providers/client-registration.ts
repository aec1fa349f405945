import { EhrError, EhrErrorCode } from '../ehr-error';
import { assertReachableHost } from './network-guard';

/** The web app's page a provider sends the patient back to (web/src/features/ehr). */
export const APP_CALLBACK_PATH = '/ehr/callback';

export interface RegisteredClient {
  clientId: string;
  redirectUris: string[];
}

const refused = (reason: string): EhrError =>
  new EhrError(EhrErrorCode.REGISTRATION_REFUSED, `The server did not register HoloVitals: ${reason}`);

async function jsonObject(response: Response): Promise<Record<string, unknown>> {
  const body: unknown = await response.json().catch(() => null);
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/**
 * Registers HoloVitals as a public SMART client at `registrationUrl` (OAuth 2.0 Dynamic Client Registration,
 * RFC 7591): its name, the app's callback as the only redirect URI, the scopes it will ask for, no client
 * authentication, the code and refresh grants. The endpoint passes the same network guard as the FHIR URL. A
 * refusal carries the server's error_description; an answer HoloVitals could not use (no client id, a secret
 * it would need, other redirect URIs) is a refusal too.
 */
export async function registerPublicClient(
  registrationUrl: string,
  request: { redirectUri: string; scope: string },
  settings: { timeoutMs: number; allowPrivateNetwork: boolean },
): Promise<RegisteredClient> {
  if (!URL.canParse(registrationUrl) || !/^https?:$/.test(new URL(registrationUrl).protocol))
    throw refused('its registration endpoint is not an http(s) URL.');
  await assertReachableHost(registrationUrl, settings.allowPrivateNetwork);
  let response: Response;
  try {
    response = await fetch(registrationUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        client_name: 'HoloVitals',
        redirect_uris: [request.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
        scope: request.scope,
      }),
      signal: AbortSignal.timeout(settings.timeoutMs),
      // A redirect could lead past the network guard.
      redirect: 'error',
    });
  } catch (error) {
    throw refused(
      `its registration endpoint could not be reached (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const body = await jsonObject(response);
  if (!response.ok) {
    const description = body['error_description'] ?? body['error'];
    throw refused(typeof description === 'string' ? description : `it answered ${response.status}.`);
  }
  const clientId = body['client_id'];
  if (typeof clientId !== 'string' || !clientId) throw refused('its answer names no client_id.');
  const method = body['token_endpoint_auth_method'] ?? 'none';
  if (method !== 'none' || body['client_secret'] !== undefined)
    throw refused('it registered a confidential client, which HoloVitals does not support.');
  const redirectUris = Array.isArray(body['redirect_uris']) ? body['redirect_uris'] : [request.redirectUri];
  if (!redirectUris.includes(request.redirectUri))
    throw refused('it registered other redirect URIs than the app’s callback.');
  return { clientId, redirectUris: [request.redirectUri] };
}
