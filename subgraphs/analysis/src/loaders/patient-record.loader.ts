import { childTraceparent, type RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import type { AnalysisServices } from '../analysis-services';
import type { PatientRecord } from '../record/patient-record';
import { fetchPatientRecords } from '../record/record-fetch';

/**
 * Records by patient id, read with the caller's token: every patient asked for in one request is fetched in one
 * call to the patient subgraph (aliases), which applies its own authorization and audit per patient.
 */
export function patientRecordLoader(
  ctx: RequestContext<AnalysisServices>,
): DataLoader<string, PatientRecord> {
  return ctx.loaders.get(
    'patient-record',
    () =>
      new DataLoader<string, PatientRecord>(async (patientIds) => {
        if (!ctx.accessToken) {
          return patientIds.map(
            () => new AnalysisError(AnalysisErrorCode.FORBIDDEN, 'Sign in to read a record.'),
          );
        }
        return fetchPatientRecords(
          ctx.services.recordSource,
          { accessToken: ctx.accessToken, traceparent: childTraceparent(ctx.traceId) },
          patientIds,
        );
      }),
  );
}
