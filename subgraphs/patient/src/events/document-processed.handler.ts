import { enqueueEvent, type EventHandlers } from '@holovitals/events';
import { eventSystemActor, GATEWAY_CREDENTIAL_HEADER, recordAudit } from '@holovitals/subgraph-kit';
import { importBundleIntoPatient, type FhirImportLimits } from '../import/fhir-bundle-import';

export interface DocumentBundleSource {
  /** Shared secret of the deployment's internal traffic; the documents subgraph releases bundles only with it. */
  gatewaySecret: string;
  /** The only origins a bundleRef may point at (DOCUMENT_BUNDLE_ORIGINS): the secret goes nowhere else. */
  trustedOrigins: readonly string[];
  logger: { error(context: Record<string, unknown>, message: string): void };
  limits: FhirImportLimits;
  fetchTimeoutMs: number;
}

export class DocumentBundleFetchError extends Error {
  override readonly name = 'DocumentBundleFetchError';
}

/**
 * A bundleRef outside DOCUMENT_BUNDLE_ORIGINS. An event is signed by its owner, but its link would carry the
 * deployment's internal credential, so a bad link (a compromised producer, a misconfigured public URL) must
 * never make this subgraph send that credential elsewhere.
 */
export class UntrustedBundleOriginError extends DocumentBundleFetchError {
  constructor(readonly origin: string) {
    super(`bundleRef origin ${origin} is not in DOCUMENT_BUNDLE_ORIGINS; the bundle was not fetched`);
  }
}

/** The bundleRef as a URL this subgraph may send its credential to, or the reason it may not. */
export function trustedBundleUrl(bundleRef: string, trustedOrigins: readonly string[]): URL {
  if (!URL.canParse(bundleRef)) throw new DocumentBundleFetchError('bundleRef is not a URL');
  const url = new URL(bundleRef);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new DocumentBundleFetchError(`bundleRef is not an http(s) URL`);
  if (!trustedOrigins.includes(url.origin)) throw new UntrustedBundleOriginError(url.origin);
  return url;
}

async function fetchBundle(url: URL, source: DocumentBundleSource): Promise<unknown> {
  const response = await fetch(url, {
    headers: { [GATEWAY_CREDENTIAL_HEADER]: source.gatewaySecret },
    // A redirect would take the credential to wherever it points.
    redirect: 'error',
    signal: AbortSignal.timeout(source.fetchTimeoutMs),
  });
  if (!response.ok)
    throw new DocumentBundleFetchError(`documents answered ${response.status} for the bundle`);
  return response.json();
}

/**
 * The documents subgraph does not know the record's FHIR patient id, so its bundles name no subject; Conditions and
 * MedicationStatements need one. Each resource without a subject gets `subject` (the record's own FHIR id).
 */
export function withSubject(bundle: unknown, subject: string): unknown {
  if (typeof bundle !== 'object' || bundle === null || !Array.isArray((bundle as { entry?: unknown }).entry))
    return bundle;
  const entries = (bundle as { entry: unknown[] }).entry;
  return {
    ...bundle,
    entry: entries.map((entry) => {
      const resource = (entry as { resource?: Record<string, unknown> } | null)?.resource;
      if (!resource || resource.resourceType === 'Patient' || resource.subject !== undefined) return entry;
      return { ...(entry as object), resource: { ...resource, subject: { reference: subject } } };
    }),
  };
}

/**
 * `document.processed`: a patient confirmed results read from one of their documents. The event carries only a
 * signed link; the bundle behind it (an Observation, Condition or MedicationStatement whose source is
 * `DocumentReference/<id>`) is fetched from the
 * documents subgraph and imported like any FHIR bundle, so a redelivered event changes nothing (same FHIR ids and
 * content hashes). Audited as this service acting on the event.
 */
export function documentProcessedHandler(service: string, source: DocumentBundleSource): EventHandlers {
  return {
    'document.processed': async (event, manager) => {
      const { documentId, patientId, bundleRef } = event.payload;
      let url: URL;
      try {
        url = trustedBundleUrl(bundleRef, source.trustedOrigins);
      } catch (error) {
        source.logger.error(
          { err: error, eventId: event.id, documentId, trustedOrigins: source.trustedOrigins },
          'document.processed refused: its bundleRef is not a trusted documents origin',
        );
        throw error;
      }
      const bundle = await fetchBundle(url, source);
      const linked = (await manager.query(`SELECT source_fhir_id FROM patient WHERE id = $1`, [
        patientId,
      ])) as {
        source_fhir_id: string | null;
      }[];
      const subject = `Patient/${linked[0]?.source_fhir_id ?? patientId}`;
      const summary = await importBundleIntoPatient(
        manager,
        patientId,
        withSubject(bundle, subject),
        source.limits,
        null,
        { linkPatientFhirId: false },
      );
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
