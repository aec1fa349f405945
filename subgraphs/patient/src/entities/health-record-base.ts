import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { syncedFromTransformer } from './synced-from-column';
import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Columns every health record shares: owner, FHIR origin, change detection and optimistic concurrency. */
@ObjectType()
export abstract class HealthRecordBase {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Stable id of this record.' })
  id: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  @Field(() => ID, { description: 'The patient this record belongs to.' })
  patientId: string;

  @Column({ name: 'source_fhir_id', type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'FHIR id of the resource this record was imported from; null when entered by hand.',
  })
  sourceFhirId: string | null;

  @Column({ name: 'synced_from', type: 'text', transformer: syncedFromTransformer })
  @Field(() => String, {
    nullable: true,
    description: 'FHIR base URL of the EHR this record was synced from; null for the patient’s own records.',
  })
  syncedFrom: string | null;

  /** When the patient last changed this record by hand; a sync never silently overwrites such a record. */
  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  /** SHA-256 of the source resource; a re-import with the same hash leaves the row alone. */
  @Column({ name: 'content_hash', type: 'text', nullable: true })
  contentHash: string | null;

  @VersionColumn({ type: 'int' })
  @Field(() => Int, {
    description: 'Increases on every change; pass it back to update or delete this record.',
  })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => GraphQLDateTime, { description: 'When the record was first stored.' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  @Field(() => GraphQLDateTime, { description: 'When the record last changed.' })
  updatedAt: Date;
}
