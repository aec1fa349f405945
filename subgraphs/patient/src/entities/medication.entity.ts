import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import type { MedicationSource } from '../fhir/medication-mapping';
import { CodedRecordBase } from './coded-record-base';

@ObjectType('Medication', {
  description:
    'A medication prescribed or taken (FHIR MedicationRequest or MedicationStatement); code usually RxNorm.',
})
@Directive('@key(fields: "id")')
@Entity({ name: 'medication' })
export class MedicationEntity extends CodedRecordBase {
  @Column({ name: 'source_type', type: 'text' })
  @Field(() => String, {
    description: 'MedicationRequest (prescribed) or MedicationStatement (reported taking).',
  })
  sourceType: MedicationSource;

  @Column({ type: 'text' })
  @Field(() => String, { description: 'FHIR status, e.g. active, completed, stopped.' })
  status: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'For prescriptions: order, plan, proposal, …' })
  intent: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Dosage instructions as text.' })
  dosage: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was prescribed or started.' })
  startedAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'When it ended or the prescription runs out.',
  })
  endedAt: Date | null;
}
