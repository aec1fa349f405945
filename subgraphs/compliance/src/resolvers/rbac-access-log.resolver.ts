import {
  connectionType,
  recordAudit,
  requireRole,
  Role,
  toConnection,
  type Connection,
  type RequestContext,
} from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { ComplianceError, ComplianceErrorCode } from '../compliance-error';
import { RbacAccessLogEntity } from '../entities/rbac-access-log.entity';
import { searchRbacAccessLog } from '../rbac/rbac-access-log-search';
import { RbacAccessLogFilter } from './types/rbac-access-log-filter.input';

const MAX_PAGE = 200;

export const RbacAccessLogConnection = connectionType(RbacAccessLogEntity, 'RbacAccessLogEntry');

function badInput(message: string, field: string): ComplianceError {
  return new ComplianceError(ComplianceErrorCode.BAD_USER_INPUT, message, { field });
}

@Resolver(() => RbacAccessLogEntity)
export class RbacAccessLogResolver {
  @Authorized()
  @Query(() => RbacAccessLogConnection, {
    description:
      'Authorization decisions (allow and deny), newest first (ADMIN only; the search is audited).',
  })
  async rbacAccessLog(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => RbacAccessLogFilter, { nullable: true, description: 'What to match.' })
    filter: RbacAccessLogFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: `Page size, 1 to ${MAX_PAGE}.` }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' })
    after: string | null,
  ): Promise<Connection<RbacAccessLogEntity>> {
    requireRole(ctx, Role.ADMIN);
    if (first < 1 || first > MAX_PAGE) throw badInput(`first must be between 1 and ${MAX_PAGE}.`, 'first');
    if (filter?.from && filter.to && filter.from > filter.to)
      throw badInput('from must not be after to.', 'from');
    if (after && !/^[1-9][0-9]{0,15}$/.test(after)) throw badInput('Unknown cursor.', 'after');
    const rows = await searchRbacAccessLog(ctx.dataSource, filter ?? {}, first, after ? Number(after) : null);
    const page = toConnection(rows, first, (entry) => String(entry.seq));
    await recordAudit(ctx.dataSource.manager, ctx, {
      action: 'search',
      entityType: 'RbacAccessLog',
      entityIds: page.nodes.map((entry) => String(entry.seq)),
      patientIds: [...new Set(page.nodes.flatMap((entry) => entry.patientIds))],
      outcome: 'SUCCESS',
    });
    return page;
  }
}
