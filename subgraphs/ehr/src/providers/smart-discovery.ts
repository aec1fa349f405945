import { EhrError, EhrErrorCode } from '../ehr-error';
import { assertReachableHost } from './network-guard';

/** What HoloVitals learns about a FHIR server before a patient can connect it. */
export interface SmartServer {
  fhirBaseUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  revocationUrl: string | null;
  /** OAuth 2.0 Dynamic Client Registration endpoint (RFC 7591), when the server offers one. */
  registrationUrl: string | null;
  capabilities: string[];
  scopesSupported: string[];
  bulkExport: boolean;
  softwareName: string | null;
}

/** The base URL as stored and compared: https/http only, no query or fragment, no trailing slash. */
export function normalizeFhirBaseUrl(input: string): string {
  if (!URL.canParse(input.trim()))
    throw new EhrError(EhrErrorCode.INVALID_FHIR_BASE_URL, 'fhirBaseUrl is not a URL.');
  const url = new URL(input.trim());
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new EhrError(EhrErrorCode.INVALID_FHIR_BASE_URL, 'fhirBaseUrl must be an http(s) URL.');
  if (url.username || url.password || url.search || url.hash)
    throw new EhrError(
      EhrErrorCode.INVALID_FHIR_BASE_URL,
      'fhirBaseUrl must not carry credentials, a query or a fragment.',
    );
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

async function getJson(url: string, timeoutMs: number): Promise<Record<string, unknown> | null> {
  try {
    const response = await fetch(url, {
      headers: { accept: 'application/json, application/fhir+json' },
      signal: AbortSignal.timeout(timeoutMs),
      // A redirect could lead past the network guard.
      redirect: 'error',
    });
    if (!response.ok) return null;
    const body: unknown = await response.json();
    return body && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * SMART App Launch discovery: `[base]/.well-known/smart-configuration` must name the authorization and
 * token endpoints and support PKCE S256; `[base]/metadata` must be a FHIR R4 CapabilityStatement.
 */
export async function discoverSmartServer(
  fhirBaseUrl: string,
  settings: { timeoutMs: number; allowPrivateNetwork: boolean },
): Promise<SmartServer> {
  await assertReachableHost(fhirBaseUrl, settings.allowPrivateNetwork);
  const timeoutMs = settings.timeoutMs;
  const smart = await getJson(`${fhirBaseUrl}/.well-known/smart-configuration`, timeoutMs);
  const authorizeUrl = smart?.['authorization_endpoint'];
  const tokenUrl = smart?.['token_endpoint'];
  if (!smart || typeof authorizeUrl !== 'string' || typeof tokenUrl !== 'string')
    throw new EhrError(
      EhrErrorCode.NO_SMART_DISCOVERY,
      'The server publishes no SMART on FHIR configuration.',
    );
  if (!strings(smart['code_challenge_methods_supported']).includes('S256'))
    throw new EhrError(EhrErrorCode.NO_SMART_DISCOVERY, 'The server does not support PKCE S256.');
  const metadata = await getJson(`${fhirBaseUrl}/metadata`, timeoutMs);
  const fhirVersion = metadata?.['fhirVersion'];
  if (
    metadata?.['resourceType'] !== 'CapabilityStatement' ||
    typeof fhirVersion !== 'string' ||
    !fhirVersion.startsWith('4.0')
  )
    throw new EhrError(EhrErrorCode.NOT_FHIR_R4, 'The server is not a FHIR R4 server.');
  const rest = Array.isArray(metadata['rest'])
    ? (metadata['rest'] as { operation?: { name?: string }[] }[])
    : [];
  const software = metadata['software'] as { name?: unknown } | undefined;
  return {
    fhirBaseUrl,
    authorizeUrl,
    tokenUrl,
    revocationUrl: typeof smart['revocation_endpoint'] === 'string' ? smart['revocation_endpoint'] : null,
    registrationUrl:
      typeof smart['registration_endpoint'] === 'string' ? smart['registration_endpoint'] : null,
    capabilities: strings(smart['capabilities']),
    scopesSupported: strings(smart['scopes_supported']),
    bulkExport: rest.some((entry) => entry.operation?.some((operation) => operation.name === 'export')),
    softwareName: typeof software?.name === 'string' ? software.name : null,
  };
}
