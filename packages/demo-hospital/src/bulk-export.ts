import type { Bundle, BulkDataExport, Resource } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
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

/** `_outputFormat` values the Bulk Data IG says mean NDJSON; the only format served. */
const NDJSON_FORMATS = new Set(['application/fhir+ndjson', 'application/ndjson', 'ndjson']);
const SUPPORTED_PARAMETERS = new Set(['_outputFormat', '_since', '_type']);
const FHIR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

interface ExportJob {
  grant: TokenGrant;
  /** The manifest's fields (medplum's BulkDataExport resource shape); `status` follows the job. */
  record: BulkDataExport;
  types: string[];
  typesDone: number;
  /** NDJSON per resource type, filled as the job goes. */
  files: Map<string, { ndjson: string; count: number }>;
  completedAt: number | null;
  error: string | null;
}

export type ExportStatus =
  | { ready: false; retryAfter: number; progress: string }
  | { ready: true; manifest: Record<string, unknown>; expires: Date };

export class BulkExportError extends Error {
  override readonly name = 'BulkExportError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface BulkExportSettings {
  retryAfterSeconds: number;
  /** The shortest time an export takes (a busy hospital); 0 finishes as soon as the searches do. */
  minSeconds: number;
  /** How long a finished export's files stay downloadable. */
  fileSeconds: number;
  now?: () => number;
}

/**
 * FHIR Bulk Data Patient-level `$export` for the token's patient (Bulk Data Access IG v2): kick-off answers 202
 * with a status URL; the job searches the repository type by type in the background; the status URL answers 202
 * (Retry-After, X-Progress) until the manifest is ready; the NDJSON files need the same bearer token and expire;
 * DELETE on the status URL cancels a running job or drops a finished one.
 */
export class BulkExports {
  private readonly jobs = new Map<string, ExportJob>();

  constructor(
    private readonly store: FhirStore,
    private readonly settings: BulkExportSettings,
  ) {}

  private now(): number {
    return (this.settings.now ?? Date.now)();
  }

  /**
   * Starts an export of `grant`'s patient. Parameters the server does not support are refused unless the client
   * asked for lenient handling (`Prefer: handling=lenient`), as the IG requires.
   */
  kickOff(grant: TokenGrant, query: URLSearchParams, requestUrl: string, lenient: boolean): string {
    const unsupported = [...query.keys()].filter((name) => !SUPPORTED_PARAMETERS.has(name));
    if (unsupported.length > 0 && !lenient)
      throw new BulkExportError(400, `Unsupported $export parameters: ${unsupported.join(', ')}.`);
    const format = query.get('_outputFormat');
    if (format !== null && !NDJSON_FORMATS.has(format))
      throw new BulkExportError(
        400,
        `_outputFormat ${format} is not supported; use application/fhir+ndjson.`,
      );
    const since = query.get('_since');
    if (since !== null && (!FHIR_INSTANT.test(since) || Number.isNaN(Date.parse(since))))
      throw new BulkExportError(400, '_since must be a FHIR instant.');
    const types = query.get('_type')?.split(',').filter(Boolean) ?? [...EXPORT_TYPES];
    for (const type of types) {
      if (!/^[A-Z][A-Za-z]+$/.test(type) || !compartmentParameter(type))
        throw new BulkExportError(400, `${type} is not in the patient compartment.`);
      if (!scopesAllow(grant.scopes, type, 'search'))
        throw new BulkExportError(403, `The token's scopes do not allow reading ${type}.`);
    }
    this.dropExpired();
    const id = randomUUID();
    const job: ExportJob = {
      grant,
      record: {
        resourceType: 'BulkDataExport',
        id,
        status: 'active',
        requestTime: new Date(this.now()).toISOString(),
        transactionTime: new Date(this.now()).toISOString(),
        request: requestUrl,
        requiresAccessToken: true,
      },
      types,
      typesDone: 0,
      files: new Map(),
      completedAt: null,
      error: null,
    };
    this.jobs.set(id, job);
    this.run(id, job, since).catch((error: unknown) => {
      job.record.status = 'error';
      job.error = error instanceof Error ? error.message : String(error);
    });
    return id;
  }

  private async run(id: string, job: ExportJob, since: string | null): Promise<void> {
    for (const type of job.types) {
      if (this.jobs.get(id) !== job) return;
      const query = new URLSearchParams({ _count: '100000', _sort: '_id' });
      const compartment = compartmentParameter(type) ?? 'patient';
      query.set(compartment, compartment === '_id' ? job.grant.patientId : `Patient/${job.grant.patientId}`);
      if (since) query.set('_lastUpdated', `gt${since}`);
      const reply = await routeFhir(this.store, 'GET', `${type}?${query.toString()}`, undefined);
      if (reply.status !== 200) throw new Error(`Searching ${type} failed with ${reply.status}.`);
      const resources = ((reply.body as Bundle).entry ?? []).map((entry) => entry.resource as Resource);
      if (resources.length > 0)
        job.files.set(type, {
          ndjson: resources.map((resource) => JSON.stringify(resource)).join('\n') + '\n',
          count: resources.length,
        });
      job.typesDone += 1;
    }
    const remainingMs = Date.parse(job.record.requestTime) + this.settings.minSeconds * 1000 - this.now();
    if (remainingMs > 0) await sleep(remainingMs);
    if (this.jobs.get(id) !== job) return;
    job.record.status = 'completed';
    job.completedAt = this.now();
  }

  private expired(job: ExportJob): boolean {
    const finishedAt = job.completedAt ?? (job.error ? Date.parse(job.record.requestTime) : null);
    return finishedAt !== null && finishedAt + this.settings.fileSeconds * 1000 < this.now();
  }

  /** Forgets finished jobs past their files' lifetime that no client came back for. */
  private dropExpired(): void {
    for (const [id, job] of this.jobs) if (this.expired(job)) this.jobs.delete(id);
  }

  /** The job of `id` if `grant` (same patient and client) started it and its files have not expired. */
  private job(id: string, grant: TokenGrant): ExportJob {
    const job = this.jobs.get(id);
    if (!job || job.grant.patientId !== grant.patientId || job.grant.clientId !== grant.clientId)
      throw new BulkExportError(404, 'Unknown, cancelled or expired export job.');
    if (this.expired(job)) {
      this.jobs.delete(id);
      throw new BulkExportError(404, 'The export files expired; start a new export.');
    }
    return job;
  }

  /** While the job runs: when to ask again (answer 202); once it finished: the manifest. */
  status(id: string, grant: TokenGrant, fhirBaseUrl: string): ExportStatus {
    const job = this.job(id, grant);
    if (job.record.status === 'error') throw new BulkExportError(500, job.error ?? 'The export failed.');
    if (job.completedAt === null)
      return {
        ready: false,
        retryAfter: this.settings.retryAfterSeconds,
        progress: `${job.typesDone} of ${job.types.length} resource types`,
      };
    const output = [...job.files].map(([type, file]) => ({
      type,
      url: `${fhirBaseUrl}/bulk-files/${id}/${type}.ndjson`,
      count: file.count,
    }));
    const manifest = {
      transactionTime: job.record.transactionTime,
      request: job.record.request,
      requiresAccessToken: true,
      output,
      error: [],
    };
    return { ready: true, manifest, expires: new Date(job.completedAt + this.settings.fileSeconds * 1000) };
  }

  file(id: string, type: string, grant: TokenGrant): string {
    const job = this.job(id, grant);
    const file = job.completedAt === null ? undefined : job.files.get(type);
    if (!file) throw new BulkExportError(404, 'Unknown export file.');
    return file.ndjson;
  }

  /** Cancels a running job or drops a finished one; its status URL and files answer 404 from now on. */
  delete(id: string, grant: TokenGrant): void {
    this.job(id, grant).record.status = 'cancelled';
    this.jobs.delete(id);
  }
}
