import { registerEnumType } from 'type-graphql';
import { CodeSystem } from '../../vocabulary/code-system';

registerEnumType(CodeSystem, {
  name: 'CodeSystem',
  description: 'Code systems this service knows.',
  valuesConfig: {
    LOINC: { description: 'LOINC (http://loinc.org): laboratory and clinical observations.' },
    SNOMED_CT: {
      description: 'SNOMED CT (http://snomed.info/sct): clinical findings, procedures, body structures.',
    },
    ICD_10_CM: { description: 'ICD-10-CM (http://hl7.org/fhir/sid/icd-10-cm): US diagnosis codes.' },
    CPT: {
      description:
        'CPT (http://www.ama-assn.org/go/cpt): US procedure codes; licensed content, loaded by the operator.',
    },
    RXNORM: { description: 'RxNorm (http://www.nlm.nih.gov/research/umls/rxnorm): clinical drugs.' },
    CVX: { description: 'CVX (http://hl7.org/fhir/sid/cvx): vaccines administered.' },
  },
});
