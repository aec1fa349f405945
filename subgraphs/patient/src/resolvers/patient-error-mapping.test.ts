import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';
import { describe, expect, it } from 'vitest';
import { PatientError, PatientErrorCode } from '../patient-error';
import { mapPatientError } from './patient-error-mapping';

describe('patient error mapping', () => {
  it('gives every patient error code a client code and keeps the reason', () => {
    const mapped = Object.values(PatientErrorCode).map((code) =>
      mapPatientError(new PatientError(code, 'x')),
    );
    expect(mapped.every((error) => error !== null && Object.values(ErrorCode).includes(error.code))).toBe(
      true,
    );
    expect(
      mapPatientError(new PatientError(PatientErrorCode.STALE_VERSION, 'stale', { id: 'a' })),
    ).toMatchObject({
      code: ErrorCode.CONFLICT,
      message: 'stale',
      details: { reason: 'STALE_VERSION', id: 'a' },
    });
    expect(mapPatientError(new PatientError(PatientErrorCode.TOO_MANY_IMPORTS, 'busy'))).toBeInstanceOf(
      DomainError,
    );
  });

  it('leaves errors that are not PatientErrors to the kit', () => {
    expect(mapPatientError(new Error('boom'))).toBeNull();
    expect(mapPatientError(new DomainError(ErrorCode.NOT_FOUND, 'gone'))).toBeNull();
    expect(mapPatientError('thrown string')).toBeNull();
  });
});
