import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

const bigint = { to: (value: number) => value, from: Number };

/**
 * A signed statement of the audit chain's head: "entry `upToSeq` has hash `headHash`". Rewriting the chain from
 * any entry at or below a checkpoint, or removing entries up to it, no longer matches the signed head.
 */
@ObjectType('AuditCheckpoint', { description: 'A signed statement of the audit chain head at one entry.' })
@Entity({ name: 'audit_checkpoint' })
export class AuditCheckpointEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigint })
  @Field(() => ID, { description: 'Checkpoint number, increasing.' })
  id: number;

  @Column({ name: 'up_to_seq', type: 'bigint', transformer: bigint })
  @Field(() => ID, { description: 'The last audit entry the checkpoint covers (0 for an empty log).' })
  upToSeq: number;

  @Column({ name: 'head_hash', type: 'text' })
  @Field({ description: 'Hash of entry upToSeq at the time of signing.' })
  headHash: string;

  @Column({ name: 'row_count', type: 'bigint', transformer: bigint })
  @Field(() => Number, { description: 'Audit entries stored up to upToSeq when it was signed.' })
  rowCount: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  @Field({ description: 'When it was signed.' })
  createdAt: Date;

  @Column({ name: 'key_id', type: 'text' })
  @Field({ description: 'Id of the Ed25519 key that signed it (hash of its public key).' })
  keyId: string;

  @Column({ type: 'text' })
  @Field({ description: 'Ed25519 signature (base64) over the canonical checkpoint content.' })
  signature: string;
}
