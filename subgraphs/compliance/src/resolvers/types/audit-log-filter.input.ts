import { Field, ID, InputType } from 'type-graphql';

@InputType('AuditLogFilter', { description: 'Narrows an audit log search; every given field must match.' })
export class AuditLogFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Only entries by this actor (user id or system actor).',
  })
  actorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only entries that touched this patient.' })
  patientId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this action, e.g. read or login.' })
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this kind of data, e.g. Patient.' })
  entityType?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this outcome: SUCCESS, DENIED or FAILURE.' })
  outcome?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only entries that occurred at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only entries that occurred at or before this time.' })
  to?: Date | null;
}
