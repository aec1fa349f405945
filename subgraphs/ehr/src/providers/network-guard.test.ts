import { describe, expect, it } from 'vitest';
import { assertReachableHost, isPrivateAddress, isTrustedOrigin } from './network-guard';

describe('network guard', () => {
  it('classifies loopback, private and link-local addresses as private', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['8.8.8.8', '2606:4700::1111'])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it('refuses a loopback URL unless private networks are allowed', async () => {
    await expect(assertReachableHost('http://127.0.0.1:4206/fhir', false)).rejects.toMatchObject({
      code: 'PRIVATE_NETWORK',
    });
    await expect(assertReachableHost('http://localhost:4206/fhir', false)).rejects.toMatchObject({
      code: 'PRIVATE_NETWORK',
    });
    await expect(assertReachableHost('http://127.0.0.1:4206/fhir', true)).resolves.toBeUndefined();
  });

  it('trusts only the exact origins the operator named', () => {
    const trusted = ['http://127.0.0.1:4206'];
    expect(isTrustedOrigin('http://127.0.0.1:4206/fhir', trusted)).toBe(true);
    expect(isTrustedOrigin('http://127.0.0.1:4207/fhir', trusted)).toBe(false);
    expect(isTrustedOrigin('http://localhost:4206/fhir', trusted)).toBe(false);
    expect(isTrustedOrigin('not a url', trusted)).toBe(false);
  });
});
