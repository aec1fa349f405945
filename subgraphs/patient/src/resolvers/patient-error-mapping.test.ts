import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';
import { describe, expect, it } from 'vitest';
import { PatientError, PatientErrorCode } from '../patient-error';
import { toDomainError, withPatientErrors } from './patient-error-mapping';

describe('patient error mapping', () => {
  it('gives every patient error code a client code and keeps the reason', () => {
    const codes = Object.values(PatientErrorCode).map((code) => toDomainError(new PatientError(code, 'x')));
    expect(codes.every((error) => Object.values(ErrorCode).includes(error.code))).toBe(true);
    expect(
      toDomainError(new PatientError(PatientErrorCode.STALE_VERSION, 'stale', { id: 'a' })),
    ).toMatchObject({
      code: ErrorCode.CONFLICT,
      details: { reason: 'STALE_VERSION', id: 'a' },
    });
  });

  it('maps only PatientErrors at the boundary', async () => {
    await expect(
      withPatientErrors(() => {
        throw new PatientError(PatientErrorCode.TOO_MANY_IMPORTS, 'busy');
      }),
    ).rejects.toMatchObject({ code: ErrorCode.RATE_LIMITED });
    const other = new Error('boom');
    await expect(
      withPatientErrors(() => {
        throw other;
      }),
    ).rejects.toBe(other);
    await expect(withPatientErrors(() => 1)).resolves.toBe(1);
    expect(toDomainError(new PatientError(PatientErrorCode.INVALID_ID, 'bad'))).toBeInstanceOf(DomainError);
  });
});
