import NodeAdapter from 'fhirclient/lib/adapters/NodeAdapter';
import type Client from 'fhirclient/lib/Client';
import { SMART_KEY } from 'fhirclient/lib/settings';
import type { fhirclient } from 'fhirclient/lib/types';

/** fhirclient's client state; a launch this module started always has its storage key (the OAuth state). */
export type SmartClientState = fhirclient.ClientState & { key: string; redirectUri: string };
export type SmartClient = Client;

/** fhirclient's storage contract over a map that lives for one operation; callers persist what it holds. */
class OperationStorage implements fhirclient.Storage {
  readonly values = new Map<string, unknown>();

  get(key: string): Promise<unknown> {
    return Promise.resolve(this.values.get(key));
  }

  set(key: string, value: unknown): Promise<unknown> {
    this.values.set(key, value);
    return Promise.resolve(value);
  }

  unset(key: string): Promise<boolean> {
    return Promise.resolve(this.values.delete(key));
  }
}

/**
 * fhirclient's Node adapter without an HTTP exchange of its own: a GraphQL mutation, not a browser request,
 * carries the callback URL, and the authorize URL is returned to the caller (noRedirect) instead of sent as a 302.
 */
class ServerSideAdapter extends NodeAdapter {
  constructor(
    private readonly currentUrl: URL,
    storage: OperationStorage,
  ) {
    const options: ConstructorParameters<typeof NodeAdapter>[0] & { refreshTokenWithClientId: boolean } = {
      request: undefined as never,
      response: undefined as never,
      storage,
      // Public clients identify themselves on refresh too (RFC 6749 §6); fhirclient reads this from its options.
      refreshTokenWithClientId: true,
    };
    super(options);
  }

  override getUrl(): URL {
    return new URL(this.currentUrl.href);
  }

  override redirect(): void {
    throw new Error('The server-side SMART adapter never redirects.');
  }
}

/**
 * SMART App Launch, standalone: fhirclient discovers the server's endpoints, makes the PKCE S256 pair and the
 * state, and builds the authorize URL. Returns that URL with the client state to keep until the callback.
 */
export async function beginSmartLaunch(input: {
  fhirBaseUrl: string;
  clientId: string;
  scope: string;
  redirectUri: string;
}): Promise<{ authorizeUrl: string; state: SmartClientState }> {
  const storage = new OperationStorage();
  const adapter = new ServerSideAdapter(new URL(input.redirectUri), storage);
  const authorizeUrl = await adapter.getSmartApi().authorize({
    iss: input.fhirBaseUrl,
    clientId: input.clientId,
    scope: input.scope,
    redirectUri: input.redirectUri,
    pkceMode: 'required',
    noRedirect: true,
  });
  const key = storage.values.get(SMART_KEY);
  const state =
    typeof key === 'string' ? (storage.values.get(key) as SmartClientState | undefined) : undefined;
  if (typeof authorizeUrl !== 'string' || !state?.key)
    throw new Error('fhirclient did not start an authorization.');
  return { authorizeUrl, state: { ...state, key: state.key } };
}

/** The callback step: fhirclient exchanges `code` (with the PKCE verifier in `state`) at the token endpoint. */
export async function completeSmartLaunch(input: {
  state: SmartClientState;
  code: string;
}): Promise<SmartClient> {
  const storage = new OperationStorage();
  storage.values.set(input.state.key, input.state);
  const callback = new URL(input.state.redirectUri);
  callback.searchParams.set('state', input.state.key);
  callback.searchParams.set('code', input.code);
  return new ServerSideAdapter(callback, storage).getSmartApi().ready();
}

/** A client over a stored connection's state; it refreshes its access token when expired or refused (401). */
export function restoreSmartClient(state: SmartClientState): SmartClient {
  const storage = new OperationStorage();
  return new ServerSideAdapter(new URL(state.redirectUri), storage).getSmartApi().client(state);
}
