/** The terminologies this subgraph serves. Values are the GraphQL enum names. */
export enum CodeSystem {
  LOINC = 'LOINC',
  SNOMED_CT = 'SNOMED_CT',
  ICD_10_CM = 'ICD_10_CM',
  CPT = 'CPT',
  RXNORM = 'RXNORM',
  CVX = 'CVX',
}

/** Canonical FHIR system URIs (HL7 terminology registry). */
export const CODE_SYSTEM_URIS: Readonly<Record<CodeSystem, string>> = {
  [CodeSystem.LOINC]: 'http://loinc.org',
  [CodeSystem.SNOMED_CT]: 'http://snomed.info/sct',
  [CodeSystem.ICD_10_CM]: 'http://hl7.org/fhir/sid/icd-10-cm',
  [CodeSystem.CPT]: 'http://www.ama-assn.org/go/cpt',
  [CodeSystem.RXNORM]: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  [CodeSystem.CVX]: 'http://hl7.org/fhir/sid/cvx',
};

const BY_NAME = new Map<string, CodeSystem>();
for (const system of Object.values(CodeSystem)) {
  BY_NAME.set(system.toLowerCase(), system);
  BY_NAME.set(CODE_SYSTEM_URIS[system].toLowerCase(), system);
}
for (const [alias, system] of [
  ['snomed', CodeSystem.SNOMED_CT],
  ['sct', CodeSystem.SNOMED_CT],
  ['snomedct', CodeSystem.SNOMED_CT],
  ['icd10cm', CodeSystem.ICD_10_CM],
  ['icd-10-cm', CodeSystem.ICD_10_CM],
  ['rxnorm', CodeSystem.RXNORM],
] as const) {
  BY_NAME.set(alias, system);
}

/** Reads an enum name, a FHIR system URI or a common alias; null when the system is not one we serve. */
export function parseCodeSystem(value: string): CodeSystem | null {
  return BY_NAME.get(value.trim().toLowerCase()) ?? null;
}
