import { describe, expect, it } from 'vitest';
import { ClientRegistry, RegistrationLimitError } from './client-registry';

const registry = (maxRegistrations = 10) =>
  new ClientRegistry({ builtInClientIds: ['holovitals'], maxRegistrations });

const VALID = {
  client_name: 'HoloVitals',
  redirect_uris: ['https://app.example/ehr/callback'],
  grant_types: ['authorization_code', 'refresh_token'],
  token_endpoint_auth_method: 'none',
  scope: 'launch/patient openid fhirUser offline_access patient/*.rs',
};

describe('ClientRegistry (RFC 7591 public clients)', () => {
  it('registers a public client and then knows it, its redirect URIs and its grants', () => {
    const clients = registry();
    const client = clients.register(VALID);
    expect(client).toMatchObject({
      client_name: 'HoloVitals',
      redirect_uris: VALID.redirect_uris,
      grant_types: VALID.grant_types,
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      scope: VALID.scope,
    });
    expect(client.client_id_issued_at).toBeGreaterThan(0);
    expect(clients.isKnown(client.client_id)).toBe(true);
    expect(clients.redirectUriAllowed(client.client_id, 'https://app.example/ehr/callback')).toBe(true);
    expect(clients.redirectUriAllowed(client.client_id, 'https://app.example/other')).toBe(false);
    expect(clients.isKnown('someone-else')).toBe(false);
    expect(clients.redirectUriAllowed('holovitals', 'http://anywhere.example/cb')).toBe(true);
  });

  it('defaults an omitted method to none and grants to authorization_code only', () => {
    const clients = registry();
    const client = clients.register({ redirect_uris: ['http://127.0.0.1:3000/ehr/callback'] });
    expect(client).toMatchObject({ token_endpoint_auth_method: 'none', grant_types: ['authorization_code'] });
    expect(clients.grantAllowed(client.client_id, 'refresh_token')).toBe(false);
    expect(clients.grantAllowed('holovitals', 'refresh_token')).toBe(true);
  });

  it.each([
    ['no redirect_uris', { ...VALID, redirect_uris: undefined }, 'invalid_redirect_uri'],
    ['empty redirect_uris', { ...VALID, redirect_uris: [] }, 'invalid_redirect_uri'],
    ['a relative URI', { ...VALID, redirect_uris: ['/ehr/callback'] }, 'invalid_redirect_uri'],
    [
      'plain http off loopback',
      { ...VALID, redirect_uris: ['http://app.example/cb'] },
      'invalid_redirect_uri',
    ],
    ['a fragment', { ...VALID, redirect_uris: ['https://app.example/cb#x'] }, 'invalid_redirect_uri'],
    ['a custom scheme', { ...VALID, redirect_uris: ['myapp://cb'] }, 'invalid_redirect_uri'],
    [
      'a confidential client',
      { ...VALID, token_endpoint_auth_method: 'client_secret_basic' },
      'invalid_client_metadata',
    ],
    ['an unserved grant', { ...VALID, grant_types: ['client_credentials'] }, 'invalid_client_metadata'],
    ['grant_types not a list', { ...VALID, grant_types: 'authorization_code' }, 'invalid_client_metadata'],
    ['the implicit flow', { ...VALID, response_types: ['token'] }, 'invalid_client_metadata'],
    ['a scope not served', { ...VALID, scope: 'openid system/*.read' }, 'invalid_client_metadata'],
    ['a non-text name', { ...VALID, client_name: 7 }, 'invalid_client_metadata'],
    ['not an object', ['https://app.example/cb'], 'invalid_client_metadata'],
  ])('refuses %s', (_case, metadata, code) => {
    const clients = registry();
    expect(() => clients.register(metadata)).toThrow(expect.objectContaining({ code }) as Error);
  });

  it('stops registering at its limit', () => {
    const clients = registry(1);
    clients.register(VALID);
    expect(() => clients.register(VALID)).toThrow(RegistrationLimitError);
    expect(registry(0).registrationOpen).toBe(false);
  });
});
