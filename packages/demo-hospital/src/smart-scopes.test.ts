import { describe, expect, it } from 'vitest';
import { grantableScopes, scopesAllow } from './smart-scopes';

describe('SMART scopes', () => {
  it('grants the standalone launch scopes and drops unknown ones', () => {
    expect(
      grantableScopes('launch/patient openid fhirUser offline_access patient/*.rs user/*.* admin'),
    ).toEqual(['launch/patient', 'openid', 'fhirUser', 'offline_access', 'patient/*.rs']);
  });

  it('reads v2 letters and the v1 read/write fallback', () => {
    expect(scopesAllow(['patient/*.rs'], 'Condition', 'search')).toBe(true);
    expect(scopesAllow(['patient/*.rs'], 'Condition', 'update')).toBe(false);
    expect(scopesAllow(['patient/*.read'], 'Observation', 'read')).toBe(true);
    expect(scopesAllow(['patient/*.read'], 'Observation', 'create')).toBe(false);
    expect(scopesAllow(['patient/Observation.write'], 'Observation', 'update')).toBe(true);
    expect(scopesAllow(['patient/Observation.write'], 'Condition', 'update')).toBe(false);
    expect(scopesAllow(['openid'], 'Patient', 'read')).toBe(false);
  });
});
