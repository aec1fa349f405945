import { Directive, Field, Float, ID, ObjectType, type ClassType } from 'type-graphql';
import { StandardizedLabResult } from './standardized-lab-result.type';

/** Another subgraph's lab result as standards sees it: its key, the fields `standardized` requires, and that field. */
export interface LabResultReference {
  id: string;
  codeSystem: string;
  code: string;
  display: string;
  value: number | null;
  unit: string | null;
  referenceLow: number | null;
  referenceHigh: number | null;
  standardized: StandardizedLabResult | null;
}

/** How the owner's type is described where standards restates it. */
export interface LabResultDescriptions {
  type: string;
  id: string;
  code: string;
  display: string;
  unit: string;
  standardized: string;
}

/**
 * Builds the entity stub for an owner's lab result type (patient's Observation, documents' Extraction): both
 * carry the same fields, so both get `standardized` the same way through `@requires`.
 */
export function labResultReferenceType(
  typename: string,
  text: LabResultDescriptions,
): ClassType<LabResultReference> {
  @ObjectType(typename, { description: text.type })
  @Directive('@key(fields: "id")')
  class Reference implements LabResultReference {
    @Field(() => ID, { description: text.id })
    id: string;

    @Field(() => String, { description: 'Code system URI of `code`.' })
    @Directive('@external')
    codeSystem: string;

    @Field(() => String, { description: text.code })
    @Directive('@external')
    code: string;

    @Field(() => String, { description: text.display })
    @Directive('@external')
    display: string;

    @Field(() => Float, { nullable: true, description: 'Numeric value.' })
    @Directive('@external')
    value: number | null;

    @Field(() => String, { nullable: true, description: text.unit })
    @Directive('@external')
    unit: string | null;

    @Field(() => Float, { nullable: true, description: 'Lower reference limit.' })
    @Directive('@external')
    referenceLow: number | null;

    @Field(() => Float, { nullable: true, description: 'Upper reference limit.' })
    @Directive('@external')
    referenceHigh: number | null;

    @Field(() => StandardizedLabResult, { nullable: true, description: text.standardized })
    @Directive('@requires(fields: "codeSystem code display value unit referenceLow referenceHigh")')
    standardized: StandardizedLabResult | null;
  }
  return Reference;
}
