import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ChainBreak } from '../../audit/audit-chain-verification';

export enum AuditChainBreak {
  CONTENT_CHANGED = 'CONTENT_CHANGED',
  PREVIOUS_HASH_MISMATCH = 'PREVIOUS_HASH_MISMATCH',
  ENTRY_MISSING = 'ENTRY_MISSING',
}
registerEnumType(AuditChainBreak, {
  name: 'AuditChainBreak',
  description: 'Why an audit entry does not fit the chain.',
  valuesConfig: {
    CONTENT_CHANGED: { description: 'The entry’s content no longer matches its hash.' },
    PREVIOUS_HASH_MISMATCH: { description: 'The entry does not link to the entry before it.' },
    ENTRY_MISSING: { description: 'Entries before this one were removed.' },
  },
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

@ObjectType('AuditChainVerification', { description: 'Result of recomputing the audit chain over a range.' })
export class AuditChainVerification {
  @Field({ description: 'True when every entry in the range fits the chain.' })
  valid: boolean;

  @Field(() => Int, { description: 'Entries checked and found intact before any break.' })
  checkedEntries: number;

  @Field(() => BrokenAuditEntry, {
    nullable: true,
    description: 'The first entry that does not fit, if any.',
  })
  firstBroken: BrokenAuditEntry | null;
}
