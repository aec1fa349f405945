import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { StandardizedLabResult } from './standardized-lab-result.type';

/** The patient subgraph's Observation, seen from here: only its key and the fields `standardized` requires. */
@ObjectType('Observation', { description: 'A vital sign or lab result (owned by the patient subgraph).' })
@Directive('@key(fields: "id")')
export class ObservationReference {
  @Field(() => ID, { description: 'Observation id.' })
  id: string;

  @Field(() => String, { description: 'Code system URI of `code`.' })
  @Directive('@external')
  codeSystem: string;

  @Field(() => String, { description: 'Observation code.' })
  @Directive('@external')
  code: string;

  @Field(() => String, { description: 'Display of the code.' })
  @Directive('@external')
  display: string;

  @Field(() => Float, { nullable: true, description: 'Numeric value.' })
  @Directive('@external')
  value: number | null;

  @Field(() => String, { nullable: true, description: 'Unit of the value.' })
  @Directive('@external')
  unit: string | null;

  @Field(() => Float, { nullable: true, description: 'Lower reference limit.' })
  @Directive('@external')
  referenceLow: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper reference limit.' })
  @Directive('@external')
  referenceHigh: number | null;

  @Field(() => StandardizedLabResult, {
    nullable: true,
    description: 'The observation mapped to LOINC and UCUM (concept only for observations without a value).',
  })
  @Directive('@requires(fields: "codeSystem code display value unit referenceLow referenceHigh")')
  standardized: StandardizedLabResult | null;
}
