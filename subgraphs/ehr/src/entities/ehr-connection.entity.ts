import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { EhrConnectionStatus } from './ehr-connection-status';

@ObjectType('EhrConnection', {
  description: 'A patient’s approved link to one EHR provider: what was granted and how syncing goes.',
})
@Entity({ name: 'ehr_connection' })
export class EhrConnectionEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The HoloVitals user (a patient) who connected; never exposed, used for access checks. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId: string;

  @Field(() => EhrConnectionStatus, { description: 'Whether the connection syncs or needs re-approval.' })
  @Column({ type: 'text' })
  status: EhrConnectionStatus;

  @Field(() => String, {
    nullable: true,
    description: 'The patient’s id at the provider (the SMART launch context), when the server sent one.',
  })
  @Column({ name: 'fhir_patient_id', type: 'text', nullable: true })
  fhirPatientId: string | null;

  @Field(() => [String], { description: 'Scopes the provider granted.' })
  @Column({ name: 'scopes_granted', type: 'text', array: true })
  scopesGranted: string[];

  /** The SMART client state (tokens, endpoints), sealed with context `ehr.connection:<id>`. */
  @Column({ name: 'sealed_state', type: 'text' })
  sealedState: string;

  @Field(() => Date, { nullable: true, description: 'When the current access token expires.' })
  @Column({ name: 'token_expires_at', type: 'timestamptz', nullable: true })
  tokenExpiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the last sync finished, successfully or not.' })
  @Column({ name: 'last_sync_at', type: 'timestamptz', nullable: true })
  lastSyncAt: Date | null;

  /** Start of the last successful sync: the next incremental run asks for what changed after it. */
  @Column({ name: 'sync_cursor', type: 'timestamptz', nullable: true })
  syncCursor: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last sync or token refresh failed, in plain words.',
  })
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Field(() => Date, { description: 'When the patient connected.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { description: 'When the connection last changed.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
