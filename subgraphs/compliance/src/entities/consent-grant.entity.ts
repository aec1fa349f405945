import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ConsentPurpose, ConsentScope } from '../consent/consent-vocabulary';

/** A patient's permission for another user to access their data, within scopes and until an expiry. */
@ObjectType('ConsentGrant', { description: 'Access a patient granted to another user.' })
@Entity({ name: 'consent_grant' })
export class ConsentGrantEntity {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Grant id.' })
  id: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  @Field(() => ID, { description: 'The patient record the grant covers (patient subgraph id).' })
  patientId: string;

  @Column({ name: 'grantor_user_id', type: 'uuid' })
  @Field(() => ID, { description: 'The user who granted access (the patient).' })
  grantorUserId: string;

  @Column({ name: 'grantee_user_id', type: 'uuid' })
  @Field(() => ID, { description: 'The user who received access.' })
  granteeUserId: string;

  @Column({ type: 'text', array: true })
  @Field(() => [ConsentScope], { description: 'What the grantee may do.' })
  scopes: ConsentScope[];

  @Column({ type: 'text' })
  @Field(() => ConsentPurpose, { description: 'Why access was granted.' })
  purpose: ConsentPurpose;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the grant stops working; null for no expiry.' })
  expiresAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field({ description: 'When the grant was made.' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the patient revoked it, if they did.' })
  revokedAt: Date | null;

  @Field({ description: 'True while the grant is neither revoked nor expired.' })
  get active(): boolean {
    return this.revokedAt === null && (this.expiresAt === null || this.expiresAt > new Date());
  }
}
