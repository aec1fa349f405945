import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DocumentStatus, ScanResult } from './document-status';

@ObjectType('Document', {
  description:
    'A file a patient uploaded (lab report, discharge summary, scan or photo of a page), with its pages and extracted results.',
})
@Directive('@key(fields: "id")')
@Entity({ name: 'document' })
export class DocumentEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The patient whose record this document belongs to.' })
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;

  /** Who uploaded it (the owner, a grantee or an admin); audited, not exposed. */
  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy: string;

  @Field(() => String, { description: 'The file name the uploader gave; never used to decide the type.' })
  @Column({ type: 'text' })
  filename: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Media type detected from the file’s content (application/pdf, image/png, image/jpeg, image/tiff).',
  })
  @Column({ name: 'media_type', type: 'text', nullable: true })
  mediaType: string | null;

  @Field(() => Int, { nullable: true, description: 'Size in bytes, once uploaded.' })
  @Column({ name: 'size_bytes', type: 'integer', nullable: true })
  sizeBytes: number | null;

  @Field(() => String, { nullable: true, description: 'Hex SHA-256 of the uploaded bytes.' })
  @Column({ type: 'text', nullable: true })
  sha256: string | null;

  @Field(() => DocumentStatus, { description: 'Where the document is between upload and extracted results.' })
  @Column({ type: 'text' })
  status: DocumentStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why the document was rejected or failed, in words the patient can act on.',
  })
  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason: string | null;

  @Field(() => ScanResult, { description: 'What the virus scanner said about the upload.' })
  @Column({ name: 'scan_result', type: 'text', default: ScanResult.NOT_SCANNED })
  scanResult: ScanResult;

  @Field(() => Int, { description: 'Processing progress of the current run, 0–100.' })
  @Column({ type: 'integer', default: 0 })
  progress: number;

  @Field(() => Int, { description: 'Pages read so far (all of them once PROCESSED).' })
  @Column({ name: 'page_count', type: 'integer', default: 0 })
  pageCount: number;

  /** Increases with every processing run (upload, reprocess): a job for an older run changes nothing. */
  @Column({ type: 'integer', default: 0 })
  generation: number;

  /** Where the encrypted bytes are in the blob store. */
  @Column({ name: 'blob_key', type: 'text' })
  blobKey: string;

  @Field(() => GraphQLDateTime, { description: 'When the upload was requested.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => GraphQLDateTime, { description: 'When the document last changed.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When processing last finished.' })
  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  /** Soft delete: hidden from every read, the file is removed by the worker's purge. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
