import { registerEnumType } from 'type-graphql';

export enum SyncMode {
  /** Everything the provider holds for the patient. */
  FULL = 'FULL',
  /** Only what changed since the last successful sync (`_lastUpdated=gt…`). */
  INCREMENTAL = 'INCREMENTAL',
}

export enum SyncFetchMethod {
  /** FHIR Bulk Data Patient-level `$export` (NDJSON files). */
  BULK = 'BULK',
  /** Per-type patient searches, paged through `link[next]`. */
  SEARCH = 'SEARCH',
}

export enum SyncRunStatus {
  /** Asked for; a worker has not picked it up yet. */
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  /** Fetched and handed to the patient record; counts arrive when the record has applied it. */
  FETCHED = 'FETCHED',
  /** The patient record applied the results; per-type counts are final. */
  APPLIED = 'APPLIED',
  /** Nothing was handed on; the next run starts from the same point. */
  FAILED = 'FAILED',
}

registerEnumType(SyncMode, {
  name: 'SyncMode',
  description: 'Whether a sync pulled everything or only what changed.',
  valuesConfig: {
    FULL: { description: 'Everything the provider holds for the patient.' },
    INCREMENTAL: { description: 'Only resources updated since the last successful sync.' },
  },
});

registerEnumType(SyncRunStatus, {
  name: 'SyncRunStatus',
  description: 'How far a sync run got.',
  valuesConfig: {
    QUEUED: { description: 'Waiting for a sync worker.' },
    RUNNING: { description: 'Fetching from the provider.' },
    FETCHED: { description: 'Fetched; waiting for the patient record to apply it.' },
    APPLIED: { description: 'Applied to the patient record; counts are final.' },
    FAILED: { description: 'Failed; nothing was applied and the next run resumes from the same point.' },
  },
});

registerEnumType(SyncFetchMethod, {
  name: 'SyncFetchMethod',
  description: 'How a sync fetched the records from the provider.',
  valuesConfig: {
    BULK: { description: 'FHIR Bulk Data Patient-level $export, where the provider advertises it.' },
    SEARCH: { description: 'Per-type patient searches, page by page.' },
  },
});
