import { IsIn, IsOptional, MaxLength } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import type { MedicationSource } from '../../fhir/medication-mapping';
import { CodedRecordInput } from './coded-record.input';

@InputType('MedicationInput', { description: 'A medication entered or corrected by hand.' })
export class MedicationInput extends CodedRecordInput {
  @Field(() => String, {
    description: 'MedicationRequest (prescribed) or MedicationStatement (reported taking).',
  })
  @IsIn(['MedicationRequest', 'MedicationStatement'])
  sourceType: MedicationSource;

  @Field(() => String, { description: 'FHIR status, e.g. active, completed, stopped.' })
  @IsIn([
    'active',
    'on-hold',
    'cancelled',
    'completed',
    'entered-in-error',
    'stopped',
    'draft',
    'unknown',
    'intended',
    'not-taken',
  ])
  status: string;

  @Field(() => String, { nullable: true, description: 'For prescriptions: order, plan, proposal, …' })
  @IsOptional()
  @IsIn([
    'proposal',
    'plan',
    'order',
    'original-order',
    'reflex-order',
    'filler-order',
    'instance-order',
    'option',
  ])
  intent: string | null;

  @Field(() => String, { nullable: true, description: 'Dosage instructions as text.' })
  @IsOptional()
  @MaxLength(1000)
  dosage: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was prescribed or started.' })
  @IsOptional()
  startedAt: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it ended.' })
  @IsOptional()
  endedAt: Date | null;
}
