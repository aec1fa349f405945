import { enqueueEvent, type EventHandlers } from '@holovitals/events';
import { eventSystemActor, GATEWAY_CREDENTIAL_HEADER, recordAudit } from '@holovitals/subgraph-kit';
import { importBundleIntoPatient, type FhirImportLimits } from '../import/fhir-bundle-import';

export interface DocumentBundleSource {
  /** Shared secret of the deployment's internal traffic; the documents subgraph releases bundles only with it. */
  gatewaySecret: string;
  limits: FhirImportLimits;
  fetchTimeoutMs: number;
}

export class DocumentBundleFetchError extends Error {
  override readonly name = 'DocumentBundleFetchError';
}

async function fetchBundle(bundleRef: string, source: DocumentBundleSource): Promise<unknown> {
  const url = new URL(bundleRef);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new DocumentBundleFetchError(`bundleRef is not an http(s) URL`);
  const response = await fetch(url, {
    headers: { [GATEWAY_CREDENTIAL_HEADER]: source.gatewaySecret },
    signal: AbortSignal.timeout(source.fetchTimeoutMs),
  });
  if (!response.ok)
    throw new DocumentBundleFetchError(`documents answered ${response.status} for the bundle`);
  return response.json();
}

/**
 * `document.processed`: a patient confirmed results read from one of their documents. The event carries only a
 * signed link; the bundle behind it (Observations with `derivedFrom: DocumentReference/<id>`) is fetched from the
 * documents subgraph and imported like any FHIR bundle, so a redelivered event changes nothing (same FHIR ids and
 * content hashes). Audited as this service acting on the event.
 */
export function documentProcessedHandler(service: string, source: DocumentBundleSource): EventHandlers {
  return {
    'document.processed': async (event, manager) => {
      const { documentId, patientId, bundleRef } = event.payload;
      const bundle = await fetchBundle(bundleRef, source);
      const summary = await importBundleIntoPatient(manager, patientId, bundle, source.limits);
      if (summary.changed.length > 0)
        await enqueueEvent(
          manager,
          service,
          'patient.updated',
          { patientId, changed: summary.changed },
          { traceId: event.traceId },
        );
      await recordAudit(manager, eventSystemActor(service, event), {
        action: 'import',
        entityType: 'DocumentReference',
        entityIds: [documentId],
        patientIds: [patientId],
        outcome: summary.errors.length === 0 ? 'SUCCESS' : 'FAILURE',
      });
    },
  };
}
