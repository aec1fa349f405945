import { requireRole, Role, type RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { acknowledgeOperationalAlert, createAlertRule } from '../alerts/alert-rule-management';
import { AlertRuleEntity } from '../entities/alert-rule.entity';
import { OperationalAlertEntity } from '../entities/operational-alert.entity';
import { MonitoringError, MonitoringErrorCode } from '../monitoring-error';
import { OperationalAlertStatus } from '../monitoring-vocabulary';
import { CreateAlertRuleInput } from './types/create-alert-rule.input';

const MAX_ALERTS = 200;

@Resolver(() => OperationalAlertEntity)
export class OperationalAlertResolver {
  @Authorized()
  @Query(() => [OperationalAlertEntity], {
    description:
      'Operational alerts (service down, error rate, latency, queues…), newest first (ADMIN only).',
  })
  operationalAlerts(
    @Ctx() ctx: RequestContext,
    @Arg('status', () => OperationalAlertStatus, {
      nullable: true,
      description: 'Only alerts in this status.',
    })
    status: OperationalAlertStatus | null,
    @Arg('first', () => Int, { defaultValue: 50, description: `How many, 1 to ${MAX_ALERTS}.` })
    first: number,
  ): Promise<OperationalAlertEntity[]> {
    requireRole(ctx, Role.ADMIN);
    if (first < 1 || first > MAX_ALERTS)
      throw new MonitoringError(
        MonitoringErrorCode.BAD_USER_INPUT,
        `first must be between 1 and ${MAX_ALERTS}.`,
        {
          field: 'first',
        },
      );
    return ctx.dataSource.getRepository(OperationalAlertEntity).find({
      where: status ? { status } : {},
      order: { firedAt: 'DESC', id: 'DESC' },
      take: first,
    });
  }

  @Authorized()
  @Mutation(() => OperationalAlertEntity, {
    description: 'Marks an operational alert as taken on by the caller (ADMIN only).',
  })
  acknowledgeOperationalAlert(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'Alert id.' }) id: string,
  ): Promise<OperationalAlertEntity> {
    const principal = requireRole(ctx, Role.ADMIN);
    return acknowledgeOperationalAlert(ctx.dataSource, principal, id);
  }

  @Authorized()
  @Query(() => [AlertRuleEntity], { description: 'Every alert rule, oldest first (ADMIN only).' })
  alertRules(@Ctx() ctx: RequestContext): Promise<AlertRuleEntity[]> {
    requireRole(ctx, Role.ADMIN);
    return ctx.dataSource.getRepository(AlertRuleEntity).find({ order: { createdAt: 'ASC' } });
  }

  @Authorized()
  @Mutation(() => AlertRuleEntity, {
    description: 'Adds an alert rule; it is checked from the next round on (ADMIN only).',
  })
  createAlertRule(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateAlertRuleInput, { description: 'The rule.' }) input: CreateAlertRuleInput,
  ): Promise<AlertRuleEntity> {
    const principal = requireRole(ctx, Role.ADMIN);
    return createAlertRule(ctx.dataSource, principal, input);
  }
}
