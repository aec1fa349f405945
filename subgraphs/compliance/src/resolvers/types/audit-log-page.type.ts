import { Field, ObjectType } from 'type-graphql';
import { AuditLogEntity } from '../../entities/audit-log.entity';

@ObjectType('AuditLogPage', { description: 'One page of audit entries, newest first.' })
export class AuditLogPage {
  @Field(() => [AuditLogEntity], { description: 'The entries on this page.' })
  entries: AuditLogEntity[];

  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page; null on the last.',
  })
  endCursor: string | null;
}
