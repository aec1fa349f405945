import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType('ErrorEvent', { description: 'One occurrence of an error, with the trace id of its request.' })
@Entity({ name: 'monitoring_error_event' })
export class ErrorEventEntity {
  @Field(() => ID, { description: 'The reporting event id (client reports get their own).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @Field(() => String, { description: 'The message, PHI scrubbed.' })
  @Column({ type: 'text' })
  message: string;

  @Field(() => String, { nullable: true, description: 'W3C trace id of the request (find it in the logs).' })
  @Column({ name: 'trace_id', type: 'text', nullable: true })
  traceId: string | null;

  @Field(() => String, { nullable: true, description: 'Operation (bounded label), queue or page.' })
  @Column({ type: 'text', nullable: true })
  operation: string | null;

  @Field(() => String, { nullable: true, description: 'Resolver path, when a resolver failed.' })
  @Column({ type: 'text', nullable: true })
  path: string | null;

  @Field(() => Date, { description: 'When it happened.' })
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
