import { IsIn, IsOptional } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { CodedRecordInput } from './coded-record.input';

const PROCEDURE_STATUSES = [
  'preparation',
  'in-progress',
  'not-done',
  'on-hold',
  'stopped',
  'completed',
  'entered-in-error',
  'unknown',
];

@InputType('ProcedureInput', { description: 'A procedure entered or corrected by hand.' })
export class ProcedureInput extends CodedRecordInput {
  @Field(() => String, { description: 'preparation, in-progress, not-done, on-hold, stopped, completed, …' })
  @IsIn(PROCEDURE_STATUSES)
  status: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was performed (or began).' })
  @IsOptional()
  performedStart: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it ended.' })
  @IsOptional()
  performedEnd: Date | null;
}
