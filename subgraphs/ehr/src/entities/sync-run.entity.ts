import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SyncFetchMethod, SyncMode, SyncRunStatus } from './sync-run-enums';

/** Per FHIR resource type: fetched here, then what the patient record did with them. */
export interface SyncTypeCounts {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  conflicts: number;
}

@ObjectType('SyncRun', { description: 'One sync of a connection: when, how, what came in, what went wrong.' })
@Entity({ name: 'ehr_sync_run' })
export class SyncRunEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'connection_id', type: 'uuid' })
  connectionId: string;

  @Field(() => SyncMode, { description: 'Full pull or incremental.' })
  @Column({ type: 'text' })
  mode: SyncMode;

  @Field(() => SyncFetchMethod, {
    nullable: true,
    description: 'Bulk Data export or per-type searches; null until a worker starts the run.',
  })
  @Column({ name: 'fetch_method', type: 'text', nullable: true })
  fetchMethod: SyncFetchMethod | null;

  @Field(() => SyncRunStatus, { description: 'How far the run got.' })
  @Column({ type: 'text' })
  status: SyncRunStatus;

  @Field(() => Date, { nullable: true, description: 'The point an incremental run asked for changes after.' })
  @Column({ type: 'timestamptz', nullable: true })
  since: Date | null;

  @Field(() => Date, { description: 'When the run started.' })
  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When fetching ended (success or failure).' })
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Field(() => Int, { description: 'FHIR resources fetched from the provider.' })
  @Column({ name: 'resource_count', type: 'int', default: 0 })
  resourceCount: number;

  @Field(() => Int, { description: 'HTTP requests made to the provider (searches, pages, token refreshes).' })
  @Column({ name: 'http_requests', type: 'int', default: 0 })
  httpRequests: number;

  @Field(() => String, {
    nullable: true,
    description: 'While fetching, the FHIR resource type being fetched (live progress).',
  })
  @Column({ name: 'current_resource_type', type: 'text', nullable: true })
  currentResourceType: string | null;

  /** Keyed by FHIR resource type; exposed as a list by the resolver. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  counts: Record<string, SyncTypeCounts>;

  @Field(() => [String], { description: 'What went wrong, in plain words; empty when nothing did.' })
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  errors: string[];

  /** Blob-store key of the fetched NDJSON handed to the patient record. */
  @Column({ name: 'blob_key', type: 'text', nullable: true })
  blobKey: string | null;
}
