import { recordAudit, requireRole, Role, type RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { verifyAuditChain } from '../audit/audit-chain-verification';
import { ComplianceError, ComplianceErrorCode } from '../compliance-error';
import type { ComplianceServices } from '../config';
import { searchAuditLog } from '../audit/audit-log-search';
import { AuditLogEntity } from '../entities/audit-log.entity';
import { AuditChainVerification } from './types/audit-chain-verification.type';
import { AuditLogFilter } from './types/audit-log-filter.input';
import { AuditLogPage } from './types/audit-log-page.type';

const MAX_PAGE = 200;

function cursorSeq(after: string | null | undefined): number | null {
  if (after === null || after === undefined) return null;
  if (!/^[1-9][0-9]{0,15}$/.test(after))
    throw new ComplianceError(ComplianceErrorCode.INVALID_PAGE, 'Unknown cursor.', { field: 'after' });
  return Number(after);
}

@Resolver(() => AuditLogEntity)
export class AuditLogResolver {
  @Authorized()
  @Query(() => AuditLogPage, {
    description: 'Searches the audit log, newest first (ADMIN only; the search is audited).',
  })
  async auditLog(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'What to match.' })
    filter: AuditLogFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: `Page size, 1 to ${MAX_PAGE}.` }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' })
    after: string | null,
  ): Promise<AuditLogPage> {
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
    if (filter?.from && filter.to && filter.from > filter.to) {
      throw new ComplianceError(ComplianceErrorCode.BAD_USER_INPUT, 'from must not be after to.', {
        field: 'from',
      });
    }
    const page = await searchAuditLog(ctx.dataSource, filter ?? {}, first, cursorSeq(after));
    await recordAudit(ctx.dataSource.manager, ctx, {
      action: 'search',
      entityType: 'AuditLog',
      entityIds: page.entries.map((entry) => String(entry.seq)),
      patientIds: [...new Set(page.entries.flatMap((entry) => entry.patientIds))],
      outcome: 'SUCCESS',
    });
    return page;
  }

  @Authorized()
  @Query(() => AuditChainVerification, {
    description:
      'Recomputes the audit chain over entries that occurred in [from, to], checks it against the signed checkpoints and purge manifests, and names the first broken entry or checkpoint (ADMIN only).',
  })
  async verifyAuditChain(
    @Ctx() ctx: RequestContext<ComplianceServices>,
    @Arg('from', () => Date, { nullable: true, description: 'Start of the range; open when omitted.' })
    from: Date | null,
    @Arg('to', () => Date, { nullable: true, description: 'End of the range; open when omitted.' })
    to: Date | null,
  ): Promise<AuditChainVerification> {
    requireRole(ctx, Role.ADMIN);
    if (from && to && from > to) {
      throw new ComplianceError(ComplianceErrorCode.BAD_USER_INPUT, 'from must not be after to.', {
        field: 'from',
      });
    }
    return verifyAuditChain(
      ctx.dataSource,
      ctx.services.config.AUDIT_CHECKPOINT_PUBLIC_KEYS,
      from ?? null,
      to ?? null,
    );
  }
}
