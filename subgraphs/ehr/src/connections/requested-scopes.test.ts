import { describe, expect, it } from 'vitest';
import { requestedScopes, SMART_V1_SCOPES, SMART_V2_SCOPES } from './requested-scopes';

describe('requested SMART scopes', () => {
  it('asks for v2 scopes where the server advertises permission-v2 or a v2 scope', () => {
    expect(requestedScopes({ capabilities: ['permission-v2'], scopesSupported: [] })).toBe(SMART_V2_SCOPES);
    expect(requestedScopes({ capabilities: [], scopesSupported: ['patient/*.rs'] })).toBe(SMART_V2_SCOPES);
  });

  it('falls back to v1 patient/*.read for a server that only knows v1', () => {
    expect(
      requestedScopes({
        capabilities: ['permission-v1'],
        scopesSupported: ['patient/*.read', 'launch/patient'],
      }),
    ).toBe(SMART_V1_SCOPES);
  });
});
