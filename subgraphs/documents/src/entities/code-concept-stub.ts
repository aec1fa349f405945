import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';

/**
 * The standards subgraph's code systems. GraphQL requires an enum used as input anywhere (standards' `searchCodes`)
 * to be the same in every subgraph that names it, so all values are listed although documents only points at
 * ICD-10-CM concepts.
 */
export enum CodeSystemName {
  LOINC = 'LOINC',
  SNOMED_CT = 'SNOMED_CT',
  ICD_10_CM = 'ICD_10_CM',
  CPT = 'CPT',
  RXNORM = 'RXNORM',
  CVX = 'CVX',
}

// Descriptions are standards' own, word for word: composition keeps one, and partners should read the owner's.
registerEnumType(CodeSystemName, { name: 'CodeSystem', description: 'Code systems this service knows.' });

/** A reference to a standards concept; standards resolves its display, synonyms and status. */
@ObjectType('CodeConcept', {
  description: 'A concept of a code system (LOINC, SNOMED CT, ICD-10-CM, CPT, RxNorm, CVX).',
})
@Directive('@key(fields: "system code", resolvable: false)')
export class CodeConceptStub {
  @Field(() => CodeSystemName, { description: 'The code system the code belongs to.' })
  system: CodeSystemName;

  @Field(() => String, { description: 'The code, as the code system writes it (e.g. 2339-0, E11.9).' })
  code: string;
}
