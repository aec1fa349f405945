import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A partner's machine credentials (client-credentials grant); the secret is stored as an argon2 hash. */
@ObjectType('ServiceClient', {
  description: 'A partner system allowed to call the API with client credentials.',
})
@Entity({ name: 'service_client' })
export class ServiceClientEntity {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Service client id (the `sub` of its tokens).' })
  id: string;

  @Column({ type: 'text' })
  @Field({ description: 'Human-readable name of the partner system.' })
  name: string;

  @Index({ unique: true })
  @Column({ name: 'client_id', type: 'text' })
  @Field({ description: 'Public client identifier used in the token exchange.' })
  clientId: string;

  @Column({ name: 'secret_hash', type: 'text' })
  secretHash: string;

  @Column({ type: 'text', array: true })
  @Field(() => [String], { description: 'Scopes the client may request.' })
  scopes: string[];

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field({ description: 'When the client was created.' })
  createdAt: Date;

  @Index('service_client_revoked_at', { where: 'revoked_at IS NOT NULL' })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the client was revoked, if it was.' })
  revokedAt: Date | null;
}
