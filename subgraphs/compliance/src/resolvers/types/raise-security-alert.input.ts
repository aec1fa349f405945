import { IsOptional, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { SecurityAlertSeverity } from '../../alerts/alert-vocabulary';

@InputType('RaiseSecurityAlertInput', { description: 'A security alert an administrator raises by hand.' })
export class RaiseSecurityAlertInput {
  @Field(() => SecurityAlertSeverity, { description: 'How urgent it is.' })
  severity: SecurityAlertSeverity;

  @MinLength(1)
  @MaxLength(2000)
  @Field({ description: 'What happened (1 to 2,000 characters).' })
  details: string;

  @IsOptional()
  @MaxLength(200)
  @Field(() => String, { nullable: true, description: 'The user or system actor it concerns, if any.' })
  actorId?: string | null;

  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'The patient whose data it concerns, if any.' })
  patientId?: string | null;
}
