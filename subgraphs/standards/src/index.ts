export { standardsSubgraph } from './subgraph';
export { standardsMigrations } from './migrations/standards-migrations';
export { StandardsError, StandardsErrorCode } from './standards-error';
export { CodeSystem, CODE_SYSTEM_URIS, parseCodeSystem } from './vocabulary/code-system';
export type { ConceptRecord, ConceptStatus, LoincProperties } from './vocabulary/concept-record';
export { upsertConcepts, type ConceptWriteMode } from './vocabulary/concept-writer';
export { starterVocabulary } from './vocabulary/starter-vocabulary';
export { seedStarterVocabulary } from './vocabulary/vocabulary-seed';
export {
  convertUnit,
  createUnitConverter,
  type UnitConversionResult,
  type UnitConverter,
} from './units/unit-conversion';
export { validateUnit, type UnitSuggestion, type UnitValidationResult } from './units/unit-validation';
export { MatchKind, searchCodes, type CodeMatchRow } from './search/code-search';
export { MAX_SEARCH_RESULTS, MAX_SEARCH_TEXT } from './search/search-text';
export { DatabaseLabConcepts } from './standardization/database-lab-concepts';
export { InMemoryLabConcepts } from './standardization/in-memory-lab-concepts';
export { MAX_LAB_BATCH } from './standardization/lab-input-check';
export {
  ReferenceFlag,
  type LabConcept,
  type LabConceptMatch,
  type LabConceptResolver,
  type LabResultInput,
  type StandardizedLabResult,
} from './standardization/lab-result';
export { LabStandardizer } from './standardization/lab-standardizer';
export { LayeredLabConcepts } from './standardization/layered-lab-concepts';
export {
  importTerminology,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
} from './importers/terminology-import-run';
export { RELEASE_READERS } from './importers/release-readers';
