import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ErrorOrigin } from '../monitoring-vocabulary';

@ObjectType('ErrorGroup', {
  description:
    'Errors with the same fingerprint (service, message template, top stack frames), counted together.',
})
@Entity({ name: 'monitoring_error_group' })
export class ErrorGroupEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String, { description: 'sha256 of service, message template and top frames.' })
  @Column({ type: 'text', unique: true })
  fingerprint: string;

  @Field(() => String, { description: 'The service that reported it (`web` for the web app).' })
  @Column({ type: 'text' })
  service: string;

  @Field(() => ErrorOrigin, { description: 'Where it happened.' })
  @Column({ type: 'text' })
  origin: ErrorOrigin;

  @Field(() => String, { description: 'Error class name, e.g. TypeError.' })
  @Column({ name: 'error_name', type: 'text' })
  errorName: string;

  @Field(() => String, {
    description: 'The message template: PHI scrubbed, numbers and values as placeholders.',
  })
  @Column({ type: 'text' })
  template: string;

  @Field(() => String, { nullable: true, description: 'Stack trace of the latest occurrence, PHI scrubbed.' })
  @Column({ type: 'text', nullable: true })
  stack: string | null;

  @Field(() => Int, { description: 'Occurrences so far.' })
  @Column({ type: 'int', default: 0 })
  count: number;

  @Field(() => Date, { description: 'First occurrence.' })
  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt: Date;

  @Field(() => Date, { description: 'Latest occurrence.' })
  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;
}
