import { describe, expect, it } from 'vitest';
import { isGatewayCredentialValid } from './gateway-credential';

describe('isGatewayCredentialValid', () => {
  it('accepts only the exact secret', () => {
    const secret = 'a-long-enough-shared-secret';
    expect(isGatewayCredentialValid(secret, secret)).toBe(true);
    expect(isGatewayCredentialValid(`${secret}x`, secret)).toBe(false);
    expect(isGatewayCredentialValid('', secret)).toBe(false);
    expect(isGatewayCredentialValid(undefined, secret)).toBe(false);
  });
});
