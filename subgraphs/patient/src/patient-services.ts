import type { SubgraphRuntime } from '@holovitals/subgraph-kit';
import type { PatientConfig } from './config';

/** What the patient subgraph's resolvers get on `ctx.services`, built once at start-up from config. */
export interface PatientServices {
  fhirImport: { maxBundleBytes: number };
}

export function createPatientServices(runtime: SubgraphRuntime<PatientConfig>): PatientServices {
  return { fhirImport: { maxBundleBytes: runtime.config.FHIR_IMPORT_MAX_BYTES } };
}
