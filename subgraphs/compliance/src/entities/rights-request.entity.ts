import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { RightsRequestKind, RightsRequestStatus } from '../rights/rights-vocabulary';

/** A patient's request to exercise a privacy right, worked by ADMIN against the HIPAA clock. */
@ObjectType('RightsRequest', { description: 'A patient’s privacy rights request and its clock.' })
@Entity({ name: 'rights_request' })
export class RightsRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Request id.' })
  id: string;

  @Column({ name: 'requester_user_id', type: 'uuid' })
  @Field(() => ID, { description: 'The patient who filed it.' })
  requesterUserId: string;

  @Column({ name: 'patient_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Their patient record, if they had one when filing.' })
  patientId: string | null;

  @Column({ type: 'text' })
  @Field(() => RightsRequestKind, { description: 'Which right is exercised.' })
  kind: RightsRequestKind;

  @Column({ type: 'text' })
  @Field({ description: 'What the patient asks for, in their words.' })
  details: string;

  @Column({ type: 'text' })
  @Field(() => RightsRequestStatus, { description: 'Where the request stands.' })
  status: RightsRequestStatus;

  @CreateDateColumn({ name: 'filed_at', type: 'timestamptz' })
  @Field({ description: 'When it was filed; the clock starts here.' })
  filedAt: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  @Field({ description: 'When it must be acted on: 30 days after filing, 60 once extended.' })
  dueAt: Date;

  @Column({ name: 'extended_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the one extension was taken, if it was.' })
  extendedAt: Date | null;

  @Column({ name: 'extension_reason', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the extension was needed (told to the patient).' })
  extensionReason: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was completed or denied.' })
  closedAt: Date | null;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The ADMIN who completed or denied it.' })
  closedBy: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'How it was completed, or why it was denied.' })
  resolution: string | null;
}
