import type { CodeSystem } from './code-system';

export type ConceptStatus = 'active' | 'inactive' | 'deprecated';

/** LOINC's six-axis model (as far as the starter vocabulary states it) plus what lab standardization needs. */
export interface LoincProperties {
  component?: string;
  property?: string;
  timeAspect?: string;
  system?: string;
  scale?: string;
  method?: string;
  class?: string;
  /** The UCUM unit results are normalized to. */
  exampleUcumUnit?: string;
  /** g/mol, for mass ↔ molar conversion of this analyte. */
  molecularWeight?: number;
}

/** One concept as importers and the seed write it; the database row adds search columns. */
export interface ConceptRecord {
  system: CodeSystem;
  code: string;
  display: string;
  synonyms: string[];
  properties: Record<string, unknown>;
  status: ConceptStatus;
}
