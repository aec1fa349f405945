import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { CodedRecordBase } from './coded-record-base';

@ObjectType('Immunization', { description: 'A vaccine given (FHIR Immunization); the code is usually CVX.' })
@Directive('@key(fields: "id")')
@Entity({ name: 'immunization' })
export class ImmunizationEntity extends CodedRecordBase {
  @Column({ type: 'text' })
  @Field(() => String, { description: 'completed, entered-in-error or not-done.' })
  status: string;

  @Column({ name: 'occurrence_at', type: 'timestamptz', nullable: true })
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the vaccine was given.' })
  occurrenceAt: Date | null;

  @Column({ name: 'primary_source', type: 'boolean', nullable: true })
  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the record comes from whoever gave the vaccine.',
  })
  primarySource: boolean | null;

  @Column({ name: 'lot_number', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Vaccine lot number.' })
  lotNumber: string | null;
}
