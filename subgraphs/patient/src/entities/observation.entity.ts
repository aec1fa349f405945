import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, Float, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { HealthRecordBase } from './health-record-base';
import { ObservationComponent } from './observation-component';

// Field names and types here are a contract: the standards subgraph extends Observation with
// `standardized @requires(...)` on them.
@ObjectType('Observation', { description: 'A vital sign or lab result (FHIR Observation).' })
@Directive('@key(fields: "id")')
@Entity({ name: 'observation' })
export class ObservationEntity extends HealthRecordBase {
  @Column({ type: 'text' })
  @Field(() => String, { description: 'registered, preliminary, final, amended, …' })
  status: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'vital-signs, laboratory, survey, social-history, …' })
  category: string | null;

  @Column({ name: 'code_system', type: 'text' })
  @Field(() => String, { description: 'URI of the code system, usually http://loinc.org.' })
  codeSystem: string;

  @Column({ type: 'text' })
  @Field(() => String, { description: 'What was observed, as a code (usually LOINC).' })
  code: string;

  @Column({ type: 'text' })
  @Field(() => String, { description: 'Human-readable name of what was observed.' })
  display: string;

  @Column({ type: 'double precision', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Numeric result, in `unit`.' })
  value: number | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Unit of `value` as the source gave it.' })
  unit: string | null;

  @Column({ name: 'value_string', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Non-numeric result (text or coded answer).' })
  valueString: string | null;

  @Column({ name: 'reference_low', type: 'double precision', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Lower bound of the normal range, in `unit`.' })
  referenceLow: number | null;

  @Column({ name: 'reference_high', type: 'double precision', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Upper bound of the normal range, in `unit`.' })
  referenceHigh: number | null;

  @Column({ name: 'effective_at', type: 'timestamptz', nullable: true })
  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'When the observation applies (taken or measured).',
  })
  effectiveAt: Date | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  @Field(() => [ObservationComponent], { description: 'Parts of a multi-part observation; empty otherwise.' })
  components: ObservationComponent[];
}
