import { CHANGE_KINDS, type ChangeKind } from '@holovitals/live-changes';
import { GraphQLError } from 'graphql';
import { Arg, Field, ID, ObjectType, registerEnumType, Resolver, Subscription } from 'type-graphql';
import { EhrConnectionEntity } from '../entities/ehr-connection.entity';
import { EHR_SYNC_PROGRESS } from './sync-progress-changes';

export const EhrSyncChangeKind = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, kind])) as {
  [K in ChangeKind]: K;
};

registerEnumType(EhrSyncChangeKind, {
  name: 'EhrSyncChangeKind',
  description: 'What happened to the watched connection.',
  valuesConfig: {
    CREATED: { description: 'It was created.' },
    UPDATED: { description: 'Its latest sync moved on (phase, resource type, counts).' },
    DELETED: { description: 'It was removed.' },
  },
});

@ObjectType({
  description:
    'One step of a connection’s sync, delivered by `ehrSyncProgress`; `connection` (with `latestSync`: phase, resource type, counts) is read with the subscriber’s own token.',
})
export class EhrSyncProgress {
  @Field(() => ID, { description: 'The connection.' })
  connectionId!: string;

  @Field(() => EhrSyncChangeKind, { description: 'What happened.' })
  kind!: ChangeKind;

  @Field(() => [String], {
    description:
      'The phase the sync is in (QUEUED, RUNNING, FETCHED, APPLIED, FAILED) and the resource type fetched.',
  })
  changed!: string[];

  @Field(() => String, { description: 'When ehr published the step (ISO 8601).' })
  at!: string;

  @Field(() => EhrConnectionEntity, { description: 'The connection as it is now.' })
  connection!: EhrConnectionEntity;
}

/**
 * Declares the subscription in this subgraph's SDL; the gateway serves it over graphql-ws (Redis channel from
 * @holovitals/live-changes, `connection` fetched per event with the subscriber's token through `ehrConnection`).
 */
@Resolver(() => EhrSyncProgress)
export class EhrSyncProgressResolver {
  @Subscription(() => EhrSyncProgress, {
    name: EHR_SYNC_PROGRESS,
    description: 'Live progress of a connection’s syncs, for the patient who owns it.',
    topics: EHR_SYNC_PROGRESS,
  })
  ehrSyncProgress(
    @Arg('connectionId', () => ID, { description: 'The connection to watch.' }) _connectionId: string,
  ): EhrSyncProgress {
    throw new GraphQLError('Subscriptions are served by the gateway.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
}
