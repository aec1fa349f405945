import { type BlobStore, createBlobStore } from '@holovitals/blob-store';
import type { SubgraphRuntime } from '@holovitals/subgraph-kit';
import type { PatientConfig } from './config';
import type { ImportSlotLimits } from './import/import-slots';

/** What the patient subgraph's resolvers get on `ctx.services`, built once at start-up from config. */
export interface PatientServices {
  blobStore: BlobStore;
  fhirImport: { maxBundleBytes: number };
  importSlots: ImportSlotLimits;
  /** Resources per chunk of an EHR sync's streamed import. */
  ehrSyncChunk: number;
}

export function createPatientServices(runtime: SubgraphRuntime<PatientConfig>): PatientServices {
  return {
    blobStore: createBlobStore(runtime.config),
    fhirImport: { maxBundleBytes: runtime.config.FHIR_IMPORT_MAX_BYTES },
    importSlots: {
      maxConcurrentPerUser: runtime.config.FHIR_IMPORT_MAX_CONCURRENT_PER_USER,
      slotTtlMs: runtime.config.FHIR_IMPORT_SLOT_TTL_SECONDS * 1000,
    },
    ehrSyncChunk: runtime.config.EHR_SYNC_IMPORT_CHUNK,
  };
}
