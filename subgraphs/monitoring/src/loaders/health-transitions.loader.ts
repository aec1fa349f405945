import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { HealthTransitionEntity } from '../entities/health-transition.entity';

/** The latest transitions of each requested process, in one query per request. */
export function healthTransitionsLoader(
  ctx: RequestContext,
  limit: number,
): DataLoader<string, HealthTransitionEntity[]> {
  return ctx.loaders.get(
    `health-transitions:${limit}`,
    () =>
      new DataLoader<string, HealthTransitionEntity[]>(async (services) => {
        const rows = (await ctx.dataSource.query(
          `SELECT id, service, from_status, to_status, detail, at FROM (
         SELECT *, row_number() OVER (PARTITION BY service ORDER BY at DESC) AS position
           FROM monitoring_health_transition WHERE service = ANY($1::text[])
       ) ranked WHERE position <= $2 ORDER BY at DESC`,
          [services, limit],
        )) as Array<{
          id: string;
          service: string;
          from_status: string;
          to_status: string;
          detail: string | null;
          at: Date;
        }>;
        const byService = new Map<string, HealthTransitionEntity[]>();
        for (const row of rows) {
          const transition = Object.assign(new HealthTransitionEntity(), {
            id: row.id,
            service: row.service,
            from: row.from_status,
            to: row.to_status,
            detail: row.detail,
            at: row.at,
          });
          byService.set(row.service, [...(byService.get(row.service) ?? []), transition]);
        }
        return services.map((service) => byService.get(service) ?? []);
      }),
  );
}
