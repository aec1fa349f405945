import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { HealthStatus } from '../monitoring-vocabulary';

@ObjectType('HealthTransition', { description: 'A process changing status (UP to DOWN, DOWN to UP…).' })
@Entity({ name: 'monitoring_health_transition' })
export class HealthTransitionEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  service: string;

  @Field(() => HealthStatus, { description: 'Status before.' })
  @Column({ name: 'from_status', type: 'text' })
  from: HealthStatus;

  @Field(() => HealthStatus, { description: 'Status after.' })
  @Column({ name: 'to_status', type: 'text' })
  to: HealthStatus;

  @Field(() => String, { nullable: true, description: 'Why, when it went DOWN.' })
  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Field(() => Date, { description: 'When the check that saw the change ran.' })
  @Column({ type: 'timestamptz' })
  at: Date;
}
