import { randomUUID } from 'node:crypto';
import { grantableScopes } from './smart-scopes';

/** RFC 7591 §3.2.2 error codes this server answers a refused registration with (400). */
export type RegistrationErrorCode = 'invalid_redirect_uri' | 'invalid_client_metadata';

export class RegistrationError extends Error {
  override readonly name = 'RegistrationError';
  constructor(
    readonly code: RegistrationErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The registration limit is reached: answered 503, since the client did nothing wrong. */
export class RegistrationLimitError extends Error {
  override readonly name = 'RegistrationLimitError';
}

/** What a registered public client may do, as answered to its registration (RFC 7591 §3.2.1). */
export interface RegisteredClient {
  client_id: string;
  client_id_issued_at: number;
  client_name?: string;
  redirect_uris: string[];
  grant_types: string[];
  response_types: ['code'];
  token_endpoint_auth_method: 'none';
  scope?: string;
}

const GRANT_TYPES = new Set(['authorization_code', 'refresh_token']);
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_REDIRECT_URIS = 10;
const MAX_TEXT = 500;

/** https anywhere, plain http only on the registering machine's loopback; never a fragment or credentials. */
function acceptableRedirectUri(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_TEXT || !URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.hash || url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}

function stringList(metadata: Record<string, unknown>, name: string, fallback: string[]): string[] {
  const value = metadata[name];
  if (value === undefined) return fallback;
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string'))
    throw new RegistrationError('invalid_client_metadata', `${name} must be a non-empty array of strings.`);
  return [...new Set(value as string[])];
}

function optionalText(metadata: Record<string, unknown>, name: string): string | undefined {
  const value = metadata[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value.trim() || value.length > MAX_TEXT)
    throw new RegistrationError('invalid_client_metadata', `${name} must be a short text.`);
  return value.trim();
}

/**
 * The public clients this server knows: the built-in ones (any http(s) redirect URI, as a client configured
 * out of band) and those registered through OAuth 2.0 Dynamic Client Registration (RFC 7591), whose redirect
 * URIs must match one they registered. Registrations live in memory and are bounded.
 */
export class ClientRegistry {
  private readonly registered = new Map<string, RegisteredClient>();

  constructor(private readonly settings: { builtInClientIds: readonly string[]; maxRegistrations: number }) {}

  /** Whether the server offers registration at all (a limit of 0 turns it off). */
  get registrationOpen(): boolean {
    return this.settings.maxRegistrations > 0;
  }

  isKnown(clientId: string): boolean {
    return this.settings.builtInClientIds.includes(clientId) || this.registered.has(clientId);
  }

  /** Whether `redirectUri` may receive this client's codes. */
  redirectUriAllowed(clientId: string, redirectUri: string): boolean {
    const client = this.registered.get(clientId);
    if (client) return client.redirect_uris.includes(redirectUri);
    return /^https?:\/\//.test(redirectUri) && URL.canParse(redirectUri);
  }

  /** Whether the client may use `grantType` at the token endpoint (built-in clients: every grant served). */
  grantAllowed(clientId: string, grantType: string): boolean {
    return this.registered.get(clientId)?.grant_types.includes(grantType) ?? true;
  }

  /** Validates the client metadata of a registration request and registers a public client. */
  register(body: unknown): RegisteredClient {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw new RegistrationError('invalid_client_metadata', 'The request body must be a JSON object.');
    const metadata = body as Record<string, unknown>;
    const redirectUris = metadata['redirect_uris'];
    if (!Array.isArray(redirectUris) || redirectUris.length === 0)
      throw new RegistrationError('invalid_redirect_uri', 'redirect_uris is required.');
    if (redirectUris.length > MAX_REDIRECT_URIS || !redirectUris.every(acceptableRedirectUri))
      throw new RegistrationError(
        'invalid_redirect_uri',
        'Each redirect URI must be an absolute https URL, or http on localhost/127.0.0.1, without a fragment.',
      );
    // RFC 7591 defaults an omitted method to client_secret_basic; a public client without one is what this server registers.
    const authMethod = metadata['token_endpoint_auth_method'] ?? 'none';
    if (authMethod !== 'none')
      throw new RegistrationError(
        'invalid_client_metadata',
        'Only public clients are registered: token_endpoint_auth_method must be none.',
      );
    const grantTypes = stringList(metadata, 'grant_types', ['authorization_code']);
    if (!grantTypes.every((grant) => GRANT_TYPES.has(grant)))
      throw new RegistrationError(
        'invalid_client_metadata',
        'grant_types may only be authorization_code and refresh_token.',
      );
    const responseTypes = stringList(metadata, 'response_types', ['code']);
    if (responseTypes.length !== 1 || responseTypes[0] !== 'code')
      throw new RegistrationError('invalid_client_metadata', 'response_types must be ["code"].');
    const scope = optionalText(metadata, 'scope');
    const scopes = [...new Set(scope?.split(/\s+/) ?? [])];
    if (grantableScopes(scopes.join(' ')).length !== scopes.length)
      throw new RegistrationError(
        'invalid_client_metadata',
        'scope names scopes this server does not grant.',
      );
    const clientName = optionalText(metadata, 'client_name');
    if (this.registered.size >= this.settings.maxRegistrations)
      throw new RegistrationLimitError('This server registers no more clients.');

    const client: RegisteredClient = {
      client_id: randomUUID(),
      client_id_issued_at: Math.floor(Date.now() / 1000),
      ...(clientName ? { client_name: clientName } : {}),
      redirect_uris: [...new Set(redirectUris as string[])],
      grant_types: grantTypes,
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      ...(scope ? { scope: scopes.join(' ') } : {}),
    };
    this.registered.set(client.client_id, client);
    return client;
  }
}
