import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

@ObjectType('Patient', {
  description: "A person's health record: demographics plus the typed clinical records.",
})
@Directive('@key(fields: "id")')
@Entity({ name: 'patient' })
export class PatientEntity {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Stable patient id.' })
  id: string;

  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true, unique: true })
  @Field(() => ID, { nullable: true, description: 'The identity User who owns this record, if it has one.' })
  ownerUserId: string | null;

  @Column({ name: 'source_fhir_id', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'FHIR Patient id the record was imported from.' })
  sourceFhirId: string | null;

  @Column({ name: 'content_hash', type: 'text', nullable: true })
  contentHash: string | null;

  @Column({ name: 'given_name', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Given name(s), space-separated.' })
  givenName: string | null;

  @Column({ name: 'family_name', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Family name.' })
  familyName: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'male, female, other or unknown.' })
  gender: string | null;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'Date of birth, YYYY-MM-DD.' })
  birthDate: string | null;

  @Column({ name: 'deceased_at', type: 'timestamptz', nullable: true })
  @Field(() => GraphQLDateTime, { nullable: true, description: 'Date of death, if deceased.' })
  deceasedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Phone number.' })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Email address on the health record.' })
  email: string | null;

  @Column({ name: 'address_line', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Street address lines, comma-separated.' })
  addressLine: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'City.' })
  city: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'State or province.' })
  state: string | null;

  @Column({ name: 'postal_code', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Postal code.' })
  postalCode: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Country.' })
  country: string | null;

  @Column({ name: 'marital_status', type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Marital status as a v3 MaritalStatus code, e.g. M or S.',
  })
  maritalStatus: string | null;

  @VersionColumn({ type: 'int' })
  @Field(() => Int, { description: 'Increases on every change; pass it back to update the demographics.' })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => GraphQLDateTime, { description: 'When the record was created.' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  @Field(() => GraphQLDateTime, { description: 'When the demographics last changed.' })
  updatedAt: Date;
}
