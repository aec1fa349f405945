import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { HealthStatus } from '../monitoring-vocabulary';

@ObjectType('ServiceHealth', {
  description: 'One process of the service registry as monitoring last saw it (checked every few seconds).',
})
@Entity({ name: 'monitoring_service_health' })
export class ServiceHealthEntity {
  @Field(() => ID, { description: 'The registry name, e.g. `patient` or `documents-worker`.' })
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Field(() => String, { description: 'subgraph, worker, auxiliary, gateway or web.' })
  @Column({ type: 'text' })
  kind: string;

  @Field(() => String, { description: 'The health URL monitoring polls.' })
  @Column({ name: 'health_url', type: 'text' })
  healthUrl: string;

  @Field(() => HealthStatus, { description: 'What the last check found.' })
  @Column({ type: 'text' })
  status: HealthStatus;

  @Field(() => Int, { nullable: true, description: 'How long the last check took, in milliseconds.' })
  @Column({ name: 'latency_ms', type: 'int', nullable: true })
  latencyMs: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last check failed (status code or error).' })
  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Field(() => Int, { description: 'Failed checks in a row.' })
  @Column({ name: 'consecutive_failures', type: 'int', default: 0 })
  consecutiveFailures: number;

  @Field(() => Date, { nullable: true, description: 'When it was last checked.' })
  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true })
  checkedAt: Date | null;

  @Field(() => Date, { description: 'Since when it has been in its current status.' })
  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
