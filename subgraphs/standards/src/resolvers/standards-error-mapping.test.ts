import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';
import { describe, expect, it } from 'vitest';
import { StandardsError, StandardsErrorCode } from '../standards-error';
import { mapStandardsError } from './standards-error-mapping';

describe('standards error mapping', () => {
  it('gives every standards error code a client code and keeps the reason', () => {
    for (const code of Object.values(StandardsErrorCode)) {
      const mapped = mapStandardsError(new StandardsError(code, 'x'));
      expect(mapped).toBeInstanceOf(DomainError);
      expect(Object.values(ErrorCode)).toContain(mapped?.code);
      expect(mapped?.details).toMatchObject({ reason: code });
    }
    expect(mapStandardsError(new StandardsError(StandardsErrorCode.INVALID_UNIT, 'bad unit'))).toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      message: 'bad unit',
    });
  });

  it('leaves other errors to the kit', () => {
    expect(mapStandardsError(new Error('boom'))).toBeNull();
  });
});
