import type { LoincProperties } from '../vocabulary/concept-record';

/** One lab result as a source system sent it: a name and/or a code, a value and a unit in any spelling. */
export interface LabResultInput {
  name?: string | null;
  code?: string | null;
  /** Code system of `code`: a FHIR URI (http://loinc.org), an enum name (LOINC) or an alias. */
  system?: string | null;
  value?: number | null;
  unit?: string | null;
  referenceLow?: number | null;
  referenceHigh?: number | null;
}

export interface LabConcept {
  code: string;
  display: string;
  properties: LoincProperties;
}

/** One concept a name could mean; resolvers return every candidate, the standardizer chooses (see concept-choice). */
export interface LabConceptMatch {
  concept: LabConcept;
  /** 0..1: 1 for an exact LOINC code, lower for name matches (scale in the package README). */
  confidence: number;
  reason: string;
  /**
   * How well the concept's specimen fits the name (2 the named or, unnamed, the usual serum/plasma specimen;
   * 1 acceptable; 0 other): breaks ties between equally good names.
   */
  specimenFit: number;
}

export enum ReferenceFlag {
  H = 'H',
  L = 'L',
  N = 'N',
}

export interface StandardizedLabResult {
  concept: LabConcept | null;
  confidence: number;
  /** Why this concept (or none) was chosen. */
  matchReason: string;
  value: number | null;
  /** The input unit as UCUM (after reading common clinical spellings), null when missing or invalid. */
  unit: string | null;
  /** The value in the concept's canonical UCUM unit. */
  normalizedValue: number | null;
  normalizedUnit: string | null;
  normalizedReferenceLow: number | null;
  normalizedReferenceHigh: number | null;
  /**
   * Which range the flag and the normalized limits come from: LAB_REFERENCE_RANGE, TYPICAL_ADULT_INTERVAL, or
   * null when there was none.
   */
  referenceRangeSource: string | null;
  flag: ReferenceFlag | null;
  warnings: string[];
}

/** Where standardization finds LOINC concepts; each call is made once per batch with the distinct keys. */
export interface LabConceptResolver {
  byCodes(codes: readonly string[]): Promise<Map<string, LabConcept>>;
  /**
   * Keys of the result are the normalized names (see normalizeLabName); each value lists the candidates, best
   * first. A name with no candidate may be missing from the map.
   */
  byNames(names: readonly string[]): Promise<Map<string, LabConceptMatch[]>>;
}
