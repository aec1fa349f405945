import type { Bundle, Resource } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { compartmentParameter, routeFhir } from './fhir-endpoint';
import type { FhirStore } from './fhir-store';
import type { TokenGrant } from './smart-authorization';
import { scopesAllow } from './smart-scopes';

/** What a Patient-level `$export` without `_type` returns: the patient's record, type by type. */
export const EXPORT_TYPES = [
  'Patient',
  'Condition',
  'Observation',
  'MedicationRequest',
  'AllergyIntolerance',
  'Immunization',
  'Procedure',
  'DiagnosticReport',
  'DocumentReference',
  'Encounter',
  'FamilyMemberHistory',
] as const;

interface ExportJob {
  grant: TokenGrant;
  requestUrl: string;
  transactionTime: string;
  /** NDJSON per resource type, filled when the job finishes. */
  files: Map<string, { ndjson: string; count: number }> | null;
  error: string | null;
}

export type ExportStatus =
  { ready: false; retryAfter: number } | { ready: true; manifest: Record<string, unknown> };

export class BulkExportError extends Error {
  override readonly name = 'BulkExportError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * FHIR Bulk Data Patient-level `$export` for the token's patient: kick-off answers 202 with a status URL;
 * the job runs in the background; the status URL answers 202 (Retry-After) until the manifest is ready; the
 * NDJSON files need the same bearer token. `_since` keeps resources updated after it; `_type` picks types.
 */
export class BulkExports {
  private readonly jobs = new Map<string, ExportJob>();

  constructor(
    private readonly store: FhirStore,
    private readonly retryAfterSeconds = 1,
  ) {}

  kickOff(grant: TokenGrant, query: URLSearchParams, requestUrl: string): string {
    const types = query.get('_type')?.split(',').filter(Boolean) ?? [...EXPORT_TYPES];
    const since = query.get('_since');
    if (since && Number.isNaN(Date.parse(since)))
      throw new BulkExportError(400, '_since must be a FHIR instant.');
    for (const type of types) {
      if (!compartmentParameter(type))
        throw new BulkExportError(400, `${type} is not in the patient compartment.`);
      if (!scopesAllow(grant.scopes, type, 'search'))
        throw new BulkExportError(403, `The token's scopes do not allow reading ${type}.`);
    }
    const id = randomUUID();
    const job: ExportJob = {
      grant,
      requestUrl,
      transactionTime: new Date().toISOString(),
      files: null,
      error: null,
    };
    this.jobs.set(id, job);
    this.run(job, types, since).then(
      (files) => {
        job.files = files;
      },
      (error: unknown) => {
        job.error = error instanceof Error ? error.message : String(error);
      },
    );
    return id;
  }

  private async run(job: ExportJob, types: string[], since: string | null): Promise<ExportJob['files']> {
    const files = new Map<string, { ndjson: string; count: number }>();
    for (const type of types) {
      const query = new URLSearchParams({ _count: '100000', _sort: '_id' });
      const compartment = compartmentParameter(type) ?? 'patient';
      query.set(compartment, compartment === '_id' ? job.grant.patientId : `Patient/${job.grant.patientId}`);
      if (since) query.set('_lastUpdated', `gt${since}`);
      const reply = await routeFhir(this.store, 'GET', `${type}?${query.toString()}`, undefined);
      if (reply.status !== 200) throw new Error(`searching ${type} failed with ${reply.status}`);
      const resources = ((reply.body as Bundle).entry ?? []).map((entry) => entry.resource as Resource);
      if (resources.length > 0)
        files.set(type, {
          ndjson: resources.map((resource) => JSON.stringify(resource)).join('\n') + '\n',
          count: resources.length,
        });
    }
    return files;
  }

  private job(id: string, grant: TokenGrant): ExportJob {
    const job = this.jobs.get(id);
    if (!job || job.grant.patientId !== grant.patientId || job.grant.clientId !== grant.clientId)
      throw new BulkExportError(404, 'Unknown export job.');
    return job;
  }

  /** While the job runs: when to ask again (answer 202); once it finished: the manifest. */
  status(id: string, grant: TokenGrant, fhirBaseUrl: string): ExportStatus {
    const job = this.job(id, grant);
    if (job.error) throw new BulkExportError(500, job.error);
    if (!job.files) return { ready: false, retryAfter: this.retryAfterSeconds };
    const manifest = {
      transactionTime: job.transactionTime,
      request: job.requestUrl,
      requiresAccessToken: true,
      output: [...job.files].map(([type, file]) => ({
        type,
        url: `${fhirBaseUrl}/bulk-files/${id}/${type}.ndjson`,
        count: file.count,
      })),
      error: [],
    };
    return { ready: true, manifest };
  }

  file(id: string, type: string, grant: TokenGrant): string {
    const file = this.job(id, grant).files?.get(type);
    if (!file) throw new BulkExportError(404, 'Unknown export file.');
    return file.ndjson;
  }

  delete(id: string, grant: TokenGrant): void {
    this.job(id, grant);
    this.jobs.delete(id);
  }
}
