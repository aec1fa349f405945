import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A signed-in device; its refresh tokens form one rotation family. */
@ObjectType('Session', { description: 'A signed-in device or browser.' })
@Entity({ name: 'session' })
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Session id (the `sid` claim of its access tokens).' })
  id: string;

  @Index()
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Browser or client that signed in.' })
  userAgent: string | null;

  @Column({ name: 'ip_address', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Address the session was created from.' })
  ipAddress: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field({ description: 'When the user signed in.' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz' })
  @Field({ description: 'Last token refresh.' })
  lastUsedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  @Field({ description: 'When the session ends at the latest.' })
  expiresAt: Date;

  @Index('session_revoked_at', { where: 'revoked_at IS NOT NULL' })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the session was ended, if it was.' })
  revokedAt: Date | null;

  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason: string | null;
}
