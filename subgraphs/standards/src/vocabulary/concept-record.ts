import type { CodeSystem } from './code-system';

export type ConceptStatus = 'active' | 'inactive' | 'deprecated';

/**
 * A generic adult interval for a LOINC quantity, used only when a result comes without the lab's own range.
 * Limits are inclusive; one may be null (e.g. HDL has only a lower limit).
 */
export interface ReferenceInterval {
  low: number | null;
  high: number | null;
  /** UCUM unit of the limits (the canonical unit when written; converted if a release changes that unit). */
  unit: string;
  /** Where the numbers come from, shown to users in a warning. */
  basis: string;
}

/** LOINC's six-axis model (as far as the starter vocabulary states it) plus what lab standardization needs. */
export interface LoincProperties {
  component?: string;
  property?: string;
  timeAspect?: string;
  system?: string;
  scale?: string;
  method?: string;
  class?: string;
  /** The name people read ("Platelets", "Hemoglobin A1c"), shown in lists and charts; the display stays the LOINC name. */
  shortName?: string;
  /** The panel of commonly ordered tests the starter vocabulary files the code under (metabolic, cbc, lipids…). */
  panel?: string;
  /** Where the code was checked against a public LOINC reference (starter vocabulary). */
  source?: string;
  /** The UCUM unit results are normalized to. */
  exampleUcumUnit?: string;
  /** g/mol, for mass ↔ molar conversion of this analyte. */
  molecularWeight?: number;
  /** Typical adult interval (starter vocabulary), for results that come without a reference range. */
  referenceInterval?: ReferenceInterval;
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
