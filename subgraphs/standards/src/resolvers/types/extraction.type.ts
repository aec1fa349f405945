import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { StandardizedLabResult } from './standardized-lab-result.type';

/** The documents subgraph's Extraction, seen from here: only its key and the fields `standardized` requires. */
@ObjectType('Extraction', {
  description: 'A lab result read from a document (owned by the documents subgraph).',
})
@Directive('@key(fields: "id")')
export class ExtractionReference {
  @Field(() => ID, { description: 'Extraction id.' })
  id: string;

  @Field(() => String, { description: 'Code system URI of `code`.' })
  @Directive('@external')
  codeSystem: string;

  @Field(() => String, { description: 'The printed test name, normalized.' })
  @Directive('@external')
  code: string;

  @Field(() => String, { description: 'The printed test name.' })
  @Directive('@external')
  display: string;

  @Field(() => Float, { nullable: true, description: 'Numeric value.' })
  @Directive('@external')
  value: number | null;

  @Field(() => String, { nullable: true, description: 'Unit of the value as printed.' })
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
    description: 'The extracted result mapped to LOINC and UCUM, the same way as a stored Observation.',
  })
  @Directive('@requires(fields: "codeSystem code display value unit referenceLow referenceHigh")')
  standardized: StandardizedLabResult | null;
}
