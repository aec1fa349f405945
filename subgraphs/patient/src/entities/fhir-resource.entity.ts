import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { syncedFromTransformer } from './synced-from-column';

@ObjectType('FhirResource', {
  description: 'An imported FHIR resource kept exactly as received (references resolved).',
})
@Directive('@key(fields: "id")')
@Entity({ name: 'fhir_resource' })
export class FhirResourceEntity {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Stable id of this stored resource.' })
  id: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  @Field(() => ID, { description: 'The patient whose record holds the resource.' })
  patientId: string;

  @Column({ name: 'resource_type', type: 'text' })
  @Field(() => String, { description: 'FHIR resource type, e.g. Encounter.' })
  resourceType: string;

  @Column({ name: 'fhir_id', type: 'text' })
  @Field(() => String, { description: 'The resource id at its source.' })
  fhirId: string;

  @Column({ name: 'synced_from', type: 'text', transformer: syncedFromTransformer })
  @Field(() => String, {
    nullable: true,
    description:
      'FHIR base URL of the EHR this resource was synced from; null for the patient’s own imports.',
  })
  syncedFrom: string | null;

  @Column({ name: 'source_system', type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Where the resource came from (meta.source), when known.',
  })
  sourceSystem: string | null;

  @Column({ name: 'version_id', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'meta.versionId at the source.' })
  versionId: string | null;

  @Column({ name: 'last_updated', type: 'timestamptz', nullable: true })
  @Field(() => GraphQLDateTime, { nullable: true, description: 'meta.lastUpdated at the source.' })
  lastUpdated: Date | null;

  @Column({ name: 'content_hash', type: 'text' })
  @Field(() => String, { description: 'SHA-256 of the content (without meta.versionId/lastUpdated).' })
  contentHash: string;

  @Column({ type: 'jsonb' })
  @Field(() => GraphQLJSON, { description: 'The FHIR R4 resource as JSON.' })
  resource: Record<string, unknown>;

  @VersionColumn({ type: 'int' })
  @Field(() => Int, { description: 'Increases each time a newer version of the resource is imported.' })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => GraphQLDateTime, { description: 'When it was first imported.' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  @Field(() => GraphQLDateTime, { description: 'When it last changed.' })
  updatedAt: Date;
}
