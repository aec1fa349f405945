import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('AccessLogEntry', {
  description: 'One access to a patient’s data by someone other than the patient.',
})
export class AccessLogEntry {
  @Field(() => ID, { description: 'Position of the underlying entry in the audit chain.' })
  seq: number;

  @Field({ description: 'When the access happened.' })
  occurredAt: Date;

  @Field(() => String, { nullable: true, description: 'Who accessed: a user id, or a system actor.' })
  actorId: string | null;

  @Field(() => [String], { description: 'The roles the actor held.' })
  actorRoles: string[];

  @Field({ description: 'What was done: read, create, update, delete…' })
  action: string;

  @Field({ description: 'Kind of data touched, e.g. Patient or Observation.' })
  entityType: string;

  @Field({ description: 'SUCCESS, DENIED or FAILURE.' })
  outcome: string;

  @Field(() => ID, { nullable: true, description: 'The consent grant the access relied on, if any.' })
  consentId: string | null;

  /** Resolved into `onBehalfOf` (a ConsentParty) by the resolver. */
  onBehalfOf: string | null;
}
