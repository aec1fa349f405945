import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';
import { describe, expect, it } from 'vitest';
import { IdentityError, IdentityErrorCode } from '../identity-error';
import { mapIdentityError } from './identity-error-mapping';

describe('identity error mapping', () => {
  it('gives every identity error code a client code and keeps the reason', () => {
    for (const code of Object.values(IdentityErrorCode)) {
      const mapped = mapIdentityError(new IdentityError(code, 'x'));
      expect(mapped).toBeInstanceOf(DomainError);
      expect(Object.values(ErrorCode)).toContain(mapped?.code);
      expect(mapped?.details).toMatchObject({ reason: code });
    }
    expect(
      mapIdentityError(new IdentityError(IdentityErrorCode.SIGN_IN_THROTTLED, 'slow down')),
    ).toMatchObject({
      code: ErrorCode.RATE_LIMITED,
      message: 'slow down',
    });
  });

  it('leaves other errors to the kit', () => {
    expect(mapIdentityError(new Error('boom'))).toBeNull();
  });
});
