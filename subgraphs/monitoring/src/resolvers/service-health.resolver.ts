import { requireRole, Role, type RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { HealthTransitionEntity } from '../entities/health-transition.entity';
import { ServiceHealthEntity } from '../entities/service-health.entity';
import { healthTransitionsLoader } from '../loaders/health-transitions.loader';
import { MonitoringError, MonitoringErrorCode } from '../monitoring-error';

const MAX_TRANSITIONS = 100;

@Resolver(() => ServiceHealthEntity)
export class ServiceHealthResolver {
  @Authorized()
  @Query(() => [ServiceHealthEntity], {
    description: 'Every process of the service registry with its latest check, by name (ADMIN only).',
  })
  health(@Ctx() ctx: RequestContext): Promise<ServiceHealthEntity[]> {
    requireRole(ctx, Role.ADMIN);
    return ctx.dataSource.getRepository(ServiceHealthEntity).find({ order: { id: 'ASC' } });
  }

  @Authorized()
  @Query(() => ServiceHealthEntity, { nullable: true, description: 'One process’s health (ADMIN only).' })
  serviceHealth(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'Registry name, e.g. `patient`.' }) id: string,
  ): Promise<ServiceHealthEntity | null> {
    requireRole(ctx, Role.ADMIN);
    return ctx.dataSource.getRepository(ServiceHealthEntity).findOneBy({ id });
  }

  @FieldResolver(() => [HealthTransitionEntity], { description: 'Its latest status changes, newest first.' })
  transitions(
    @Root() service: ServiceHealthEntity,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 10, description: `How many, 1 to ${MAX_TRANSITIONS}.` })
    first: number,
  ): Promise<HealthTransitionEntity[]> {
    if (first < 1 || first > MAX_TRANSITIONS)
      throw new MonitoringError(
        MonitoringErrorCode.BAD_USER_INPUT,
        `first must be between 1 and ${MAX_TRANSITIONS}.`,
        {
          field: 'first',
        },
      );
    return healthTransitionsLoader(ctx, first).load(service.id);
  }
}
