import {
  connectionType,
  requireRole,
  Role,
  toConnection,
  type Connection,
  type RequestContext,
} from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { ComplianceError, ComplianceErrorCode } from '../compliance-error';
import { AuditCheckpointEntity } from '../entities/audit-checkpoint.entity';

const MAX_PAGE = 200;

export const AuditCheckpointConnection = connectionType(AuditCheckpointEntity, 'AuditCheckpoint');

function afterId(after: string | null): number | null {
  if (after === null) return null;
  if (!/^[1-9][0-9]{0,15}$/.test(after)) {
    throw new ComplianceError(ComplianceErrorCode.INVALID_PAGE, 'Unknown cursor.', { field: 'after' });
  }
  return Number(after);
}

@Resolver(() => AuditCheckpointEntity)
export class AuditCheckpointResolver {
  @Authorized()
  @Query(() => AuditCheckpointConnection, {
    description: 'Signed checkpoints of the audit chain, newest first (ADMIN only).',
  })
  async auditCheckpoints(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: `Page size, 1 to ${MAX_PAGE}.` }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' })
    after: string | null,
  ): Promise<Connection<AuditCheckpointEntity>> {
    requireRole(ctx, Role.ADMIN);
    if (first < 1 || first > MAX_PAGE) {
      throw new ComplianceError(
        ComplianceErrorCode.INVALID_PAGE,
        `first must be between 1 and ${MAX_PAGE}.`,
        {
          field: 'first',
        },
      );
    }
    const before = afterId(after ?? null);
    const query = ctx.dataSource
      .getRepository(AuditCheckpointEntity)
      .createQueryBuilder('checkpoint')
      .orderBy('checkpoint.id', 'DESC')
      .take(first + 1);
    if (before !== null) query.where('checkpoint.id < :before', { before });
    return toConnection(await query.getMany(), first, (checkpoint) => String(checkpoint.id));
  }
}
