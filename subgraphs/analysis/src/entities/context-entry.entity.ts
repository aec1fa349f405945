import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The record snapshot a task analyses, fetched with the requester's token at request time and sealed with
 * AES-256-GCM (envelope, @holovitals/encryption); deleted once `expiresAt` passes.
 */
@Entity({ name: 'context_entry' })
export class ContextEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;

  /** Who fetched it (whose authorization the patient subgraph applied). */
  @Column({ name: 'owner_user_id', type: 'text' })
  ownerUserId: string;

  /** The sealed JSON snapshot; its associated data binds it to this row's id. */
  @Column({ type: 'text' })
  ciphertext: string;

  @Column({ name: 'record_count', type: 'int' })
  recordCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
