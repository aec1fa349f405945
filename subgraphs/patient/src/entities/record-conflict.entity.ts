import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType('RecordConflict', {
  description:
    'A synced record the patient had edited and the EHR has since changed: the patient’s version stays in the record until they choose.',
})
@Entity({ name: 'record_conflict' })
export class RecordConflictEntity {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  @Field(() => ID, { description: 'The patient whose record it is.' })
  patientId: string;

  /** The record kind (RecordKind) of the edited record. */
  @Column({ name: 'record_kind', type: 'text' })
  recordKind: string;

  @Column({ name: 'record_id', type: 'uuid' })
  @Field(() => ID, { description: 'The edited record, as the patient keeps it for now.' })
  recordId: string;

  @Field(() => String, { description: 'Its GraphQL type, e.g. Condition.' })
  recordType: string;

  @Column({ name: 'synced_from', type: 'text' })
  @Field(() => String, { description: 'FHIR base URL of the EHR the other version comes from.' })
  syncedFrom: string;

  @Column({ name: 'resource_type', type: 'text' })
  @Field(() => String, { description: 'FHIR resource type of the incoming version.' })
  resourceType: string;

  @Column({ name: 'fhir_id', type: 'text' })
  @Field(() => String, { description: 'The resource id at the EHR.' })
  fhirId: string;

  @Column({ name: 'incoming_resource', type: 'jsonb' })
  @Field(() => GraphQLJSON, { description: 'The EHR’s version, as FHIR R4 JSON.' })
  incomingResource: Record<string, unknown>;

  /** Content hash of the incoming version; resolving records it as the version last seen from the EHR. */
  @Column({ name: 'incoming_hash', type: 'text' })
  incomingHash: string;

  @Column({ name: 'incoming_last_updated', type: 'timestamptz', nullable: true })
  @Field(() => GraphQLDateTime, { nullable: true, description: 'meta.lastUpdated of the EHR’s version.' })
  incomingLastUpdated: Date | null;

  @Column({ name: 'detected_at', type: 'timestamptz' })
  @Field(() => GraphQLDateTime, { description: 'When a sync found it.' })
  detectedAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  @Field(() => GraphQLDateTime, { nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'MINE or THEIRS once resolved.' })
  resolution: string | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy: string | null;
}
