import { CHANGE_KINDS, type ChangeKind } from '@holovitals/live-changes';
import { GraphQLError } from 'graphql';
import { Arg, Field, ID, ObjectType, registerEnumType, Resolver, Subscription } from 'type-graphql';
import { ServiceHealthEntity } from '../entities/service-health.entity';

/** The subscription field; also the Redis channel's name (with its argument). */
export const SERVICE_HEALTH_CHANGED = 'serviceHealthChanged';

export const ServiceHealthChangeKind = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, kind])) as {
  [K in ChangeKind]: K;
};

registerEnumType(ServiceHealthChangeKind, {
  name: 'ServiceHealthChangeKind',
  description: 'What happened to the watched process’s health.',
  valuesConfig: {
    CREATED: { description: 'It was checked for the first time.' },
    UPDATED: { description: 'Its status changed.' },
    DELETED: { description: 'It left the registry.' },
  },
});

@ObjectType('ServiceHealthChange', {
  description:
    'A process changing status, delivered by `serviceHealthChanged`; `serviceHealth` is read as the subscriber.',
})
export class ServiceHealthChange {
  @Field(() => ID, { description: 'The process (registry name).' })
  serviceId!: string;

  @Field(() => ServiceHealthChangeKind, { description: 'What happened.' })
  kind!: ChangeKind;

  @Field(() => [String], { description: 'What changed (status).' })
  changed!: string[];

  @Field(() => String, { description: 'When the monitoring worker saw it (ISO 8601).' })
  at!: string;

  @Field(() => ServiceHealthEntity, { description: 'The process’s health as it is now.' })
  serviceHealth!: ServiceHealthEntity;
}

/** Declares the subscription in monitoring's SDL; the gateway serves it (ADMIN only, checked by `serviceHealth`). */
@Resolver(() => ServiceHealthChange)
export class ServiceHealthChangeResolver {
  @Subscription(() => ServiceHealthChange, {
    name: SERVICE_HEALTH_CHANGED,
    description:
      'Status changes (UP, DOWN) of one process, or of every process when `serviceId` is omitted, within a poll interval of happening (ADMIN only).',
    topics: SERVICE_HEALTH_CHANGED,
  })
  serviceHealthChanged(
    @Arg('serviceId', () => ID, {
      nullable: true,
      description: 'The process to watch (registry name); omitted, every process in the registry.',
    })
    _serviceId: string | null,
  ): ServiceHealthChange {
    throw new GraphQLError('Subscriptions are served by the gateway.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
}
