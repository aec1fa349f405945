import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** TASK_SNAPSHOT: the record a task analyses. MODEL_CONTEXT: de-identified context text in the context cache. */
export enum ContextEntryKind {
  TASK_SNAPSHOT = 'TASK_SNAPSHOT',
  MODEL_CONTEXT = 'MODEL_CONTEXT',
}

/**
 * Sealed with AES-256-GCM (envelope, @holovitals/encryption): the record snapshot a task analyses, fetched with
 * the requester's token at request time, or a de-identified model context (the cold tier of the context cache,
 * Redis holding the same ciphertext as its hot tier). Deleted once `expiresAt` passes.
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

  @Column({ type: 'text', default: ContextEntryKind.TASK_SNAPSHOT })
  kind: ContextEntryKind;

  /** What the text alone is worth keeping (0–1), fixed when stored. */
  @Column({ name: 'content_importance', type: 'double precision', default: 1 })
  contentImportance: number;

  /** The content's worth decayed by age and lifted by reads (0–1); recomputed by the worker. */
  @Column({ type: 'double precision', default: 1 })
  importance: number;

  @Column({ name: 'access_count', type: 'int', default: 0 })
  accessCount: number;

  @Column({ name: 'last_accessed_at', type: 'timestamptz', nullable: true })
  lastAccessedAt: Date | null;

  /** How many identifiers sanitizing replaced before the text was stored. */
  @Column({ name: 'identifiers_removed', type: 'int', default: 0 })
  identifiersRemoved: number;

  @Column({ name: 'record_count', type: 'int' })
  recordCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
