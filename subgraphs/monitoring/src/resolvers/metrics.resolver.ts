import { requireRole, Role, type RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { MonitoringServices } from '../config';
import { operationLatencies } from '../metrics/metric-queries';
import { metricSeries } from '../metrics/metric-series';
import { MonitoringError, MonitoringErrorCode } from '../monitoring-error';
import { MetricSeries, OperationPerformance } from './types/metric-series.type';

function checkRange(from: Date, to: Date, maxHours: number): void {
  if (!(from < to))
    throw new MonitoringError(MonitoringErrorCode.INVALID_RANGE, 'from must be before to.', {
      field: 'from',
    });
  if (to.getTime() - from.getTime() > maxHours * 3_600_000)
    throw new MonitoringError(
      MonitoringErrorCode.INVALID_RANGE,
      `The range may span at most ${maxHours} hours.`,
      {
        field: 'to',
      },
    );
}

@Resolver()
export class MetricsResolver {
  @Authorized()
  @Query(() => [MetricSeries], {
    description: 'A scraped metric minute by minute, per process and label set (ADMIN only).',
  })
  metrics(
    @Ctx() ctx: RequestContext<MonitoringServices>,
    @Arg('name', () => String, { description: 'Prometheus metric name, e.g. `queue_jobs`.' }) name: string,
    @Arg('from', () => Date, { description: 'Start of the range.' }) from: Date,
    @Arg('to', () => Date, { description: 'End of the range.' }) to: Date,
    @Arg('service', () => String, { nullable: true, description: 'Only this process.' })
    service: string | null,
  ): Promise<MetricSeries[]> {
    requireRole(ctx, Role.ADMIN);
    checkRange(from, to, ctx.services.config.METRICS_MAX_RANGE_HOURS);
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/.test(name))
      throw new MonitoringError(
        MonitoringErrorCode.BAD_USER_INPUT,
        'name must be a Prometheus metric name.',
        {
          field: 'name',
        },
      );
    return metricSeries(ctx.dataSource, name, from, to, service);
  }

  @Authorized()
  @Query(() => [OperationPerformance], {
    description:
      'p50/p95/p99 latency per GraphQL operation and subgraph between two times, from the latency histograms (ADMIN only).',
  })
  performance(
    @Ctx() ctx: RequestContext<MonitoringServices>,
    @Arg('from', () => Date, { description: 'Start of the range.' }) from: Date,
    @Arg('to', () => Date, { description: 'End of the range.' }) to: Date,
  ): Promise<OperationPerformance[]> {
    requireRole(ctx, Role.ADMIN);
    checkRange(from, to, ctx.services.config.METRICS_MAX_RANGE_HOURS);
    return operationLatencies(ctx.dataSource, from, to);
  }
}
