import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import '../resolvers/types/code-system.type';
import { CodeSystem } from '../vocabulary/code-system';
import type { ConceptStatus } from '../vocabulary/concept-record';

@ObjectType('CodeConcept', {
  description: 'A concept of a code system (LOINC, SNOMED CT, ICD-10-CM, CPT, RxNorm, CVX).',
})
@Directive('@key(fields: "system code")')
@Entity({ name: 'code_concept' })
export class CodeConceptEntity {
  @Field(() => CodeSystem, { description: 'The code system the code belongs to.' })
  @PrimaryColumn({ type: 'text' })
  system: CodeSystem;

  @Field(() => String, { description: 'The code, as the code system writes it (e.g. 2339-0, E11.9).' })
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Field(() => String, { description: 'The preferred human-readable name.' })
  @Column({ type: 'text' })
  display: string;

  @Field(() => [String], {
    description: 'Other names of the concept (abbreviations, older or consumer names).',
  })
  @Column({ type: 'text', array: true })
  synonyms: string[];

  /** Exposed through typed fields (e.g. CodeConcept.properties); free-form per code system. */
  @Column({ type: 'jsonb' })
  properties: Record<string, unknown>;

  @Field(() => String, { description: 'active, inactive or deprecated.' })
  @Column({ type: 'text' })
  status: ConceptStatus;
}
