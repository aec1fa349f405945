import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ChainBreak, CheckpointBreak } from '../../audit/audit-chain-verification';

export enum AuditChainBreak {
  CONTENT_CHANGED = 'CONTENT_CHANGED',
  PREVIOUS_HASH_MISMATCH = 'PREVIOUS_HASH_MISMATCH',
  ENTRY_MISSING = 'ENTRY_MISSING',
  CHECKPOINT_MISMATCH = 'CHECKPOINT_MISMATCH',
  NOT_IN_PURGE_MANIFEST = 'NOT_IN_PURGE_MANIFEST',
}
registerEnumType(AuditChainBreak, {
  name: 'AuditChainBreak',
  description: 'Why an audit entry does not fit the chain.',
  valuesConfig: {
    CONTENT_CHANGED: { description: 'The entry’s content no longer matches its hash.' },
    PREVIOUS_HASH_MISMATCH: { description: 'The entry does not link to the entry before it.' },
    ENTRY_MISSING: { description: 'Entries before this one were removed.' },
    CHECKPOINT_MISMATCH: {
      description:
        'A signed checkpoint covers this entry with another hash: the chain was rewritten up to here.',
    },
    NOT_IN_PURGE_MANIFEST: {
      description: 'The entry lies below the purge horizon but the signed purge manifest did not keep it.',
    },
  },
});

export enum AuditCheckpointBreak {
  INVALID_SIGNATURE = 'INVALID_SIGNATURE',
  UNKNOWN_KEY = 'UNKNOWN_KEY',
  HEAD_MISMATCH = 'HEAD_MISMATCH',
  ENTRIES_REMOVED = 'ENTRIES_REMOVED',
}
registerEnumType(AuditCheckpointBreak, {
  name: 'AuditCheckpointBreak',
  description: 'Why a signed checkpoint or purge manifest does not hold.',
  valuesConfig: {
    INVALID_SIGNATURE: { description: 'The signature does not verify: forged or altered.' },
    UNKNOWN_KEY: { description: 'Signed with a key this service does not know.' },
    HEAD_MISMATCH: { description: 'The entry it covers no longer has the signed hash.' },
    ENTRIES_REMOVED: { description: 'The log ends before the entry it covers: entries were removed.' },
  },
});

export enum AuditEvidenceKind {
  CHECKPOINT = 'CHECKPOINT',
  PURGE_MANIFEST = 'PURGE_MANIFEST',
}
registerEnumType(AuditEvidenceKind, {
  name: 'AuditEvidenceKind',
  description: 'A signed statement about the audit chain.',
});

@ObjectType('BrokenAuditEntry', { description: 'The first audit entry that does not fit the chain.' })
export class BrokenAuditEntry {
  @Field(() => ID, { description: 'Position of the entry in the chain.' })
  seq: number;

  @Field(() => ID, { description: 'Id of the audit.recorded event the entry came from.' })
  eventId: string;

  @Field(() => AuditChainBreak, { description: 'What is wrong with it.' })
  reason: ChainBreak;
}

@ObjectType('BrokenAuditCheckpoint', {
  description: 'The signed checkpoint or purge manifest that does not hold.',
})
export class BrokenAuditCheckpoint {
  @Field(() => AuditEvidenceKind, { description: 'A checkpoint or a purge manifest.' })
  kind: 'CHECKPOINT' | 'PURGE_MANIFEST';

  @Field(() => ID, { description: 'Its id.' })
  id: number;

  @Field(() => ID, { description: 'The entry it covers (a manifest: the last purged position).' })
  upToSeq: number;

  @Field(() => AuditCheckpointBreak, { description: 'What is wrong with it.' })
  reason: CheckpointBreak;
}

@ObjectType('AuditChainVerification', { description: 'Result of recomputing the audit chain over a range.' })
export class AuditChainVerification {
  @Field({
    description: 'True when every entry in the range fits the chain and every signed checkpoint holds.',
  })
  valid: boolean;

  @Field(() => Int, { description: 'Entries checked and found intact before any break.' })
  checkedEntries: number;

  @Field(() => BrokenAuditEntry, {
    nullable: true,
    description: 'The first entry that does not fit, if any.',
  })
  firstBroken: BrokenAuditEntry | null;

  @Field(() => Int, { description: 'Checkpoints whose signatures verified.' })
  checkpointsVerified: number;

  @Field(() => BrokenAuditCheckpoint, {
    nullable: true,
    description: 'The first checkpoint or purge manifest that does not hold, if any.',
  })
  brokenCheckpoint: BrokenAuditCheckpoint | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Entries up to this position were purged by retention (held ones kept); null before any purge.',
  })
  purgedThroughSeq: number | null;
}
