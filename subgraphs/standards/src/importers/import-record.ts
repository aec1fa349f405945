import type { ConceptRecord } from '../vocabulary/concept-record';
import type { ConceptWriteMode } from '../vocabulary/concept-writer';

/** One concept read from a release file and how to write it. */
export interface ImportRecord {
  concept: ConceptRecord;
  mode: ConceptWriteMode;
}

/**
 * Reads a release file as a stream of records in file order. `null` stands for a line that carries no concept
 * (header, inactive row) so that positions stay stable between runs and a resumed import skips exactly what it did.
 */
export type ReleaseReader = (file: string) => AsyncIterable<ImportRecord | null>;
