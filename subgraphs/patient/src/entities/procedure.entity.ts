import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { CodedRecordBase } from './coded-record-base';

@ObjectType('Procedure', { description: 'Something done to or for the patient (FHIR Procedure).' })
@Directive('@key(fields: "id")')
@Entity({ name: 'procedure' })
export class ProcedureEntity extends CodedRecordBase {
  @Column({ type: 'text' })
  @Field(() => String, { description: 'preparation, in-progress, not-done, on-hold, stopped, completed, …' })
  status: string;

  @Column({ name: 'performed_start', type: 'timestamptz', nullable: true })
  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'When the procedure was performed (or began).',
  })
  performedStart: Date | null;

  @Column({ name: 'performed_end', type: 'timestamptz', nullable: true })
  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'When the procedure ended, if it took a while.',
  })
  performedEnd: Date | null;
}
