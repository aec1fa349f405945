import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** While active (not released), no audit entry of its patient or actor is purged, however old. */
@ObjectType('LegalHold', { description: 'Keeps the audit entries of a patient or an actor from any purge.' })
@Entity({ name: 'legal_hold' })
export class LegalHoldEntity {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Hold id.' })
  id: string;

  @Column({ name: 'patient_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Entries touching this patient are held.' })
  patientId: string | null;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Entries by this actor are held.' })
  actorId: string | null;

  @Column({ type: 'text' })
  @Field({ description: 'Why (the matter, case number or request).' })
  reason: string;

  @Column({ name: 'placed_by', type: 'uuid' })
  @Field(() => ID, { description: 'The administrator who placed it.' })
  placedBy: string;

  @Column({ name: 'placed_at', type: 'timestamptz' })
  @Field({ description: 'When it was placed.' })
  placedAt: Date;

  @Column({ name: 'released_by', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The administrator who released it.' })
  releasedBy: string | null;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was released; null while active.' })
  releasedAt: Date | null;
}
