import {
  connectionType,
  keysetCursor,
  requireRole,
  Role,
  toConnection,
  type Connection,
  type RequestContext,
} from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { advanceAlert, raiseManualAlert } from '../alerts/alert-handling';
import { searchAlerts } from '../alerts/alert-queries';
import { SecurityAlertSeverity, SecurityAlertStatus } from '../alerts/alert-vocabulary';
import { ComplianceError, ComplianceErrorCode } from '../compliance-error';
import { SecurityAlertEntity } from '../entities/security-alert.entity';
import { RaiseSecurityAlertInput } from './types/raise-security-alert.input';

const MAX_PAGE = 200;

export const SecurityAlertConnection = connectionType(SecurityAlertEntity, 'SecurityAlert');

@Resolver(() => SecurityAlertEntity)
export class SecurityAlertResolver {
  @Authorized()
  @Query(() => SecurityAlertConnection, { description: 'Security alerts, newest first (ADMIN only).' })
  async securityAlerts(
    @Ctx() ctx: RequestContext,
    @Arg('status', () => SecurityAlertStatus, { nullable: true, description: 'Only alerts in this status.' })
    status: SecurityAlertStatus | null,
    @Arg('severity', () => SecurityAlertSeverity, {
      nullable: true,
      description: 'Only alerts of this severity.',
    })
    severity: SecurityAlertSeverity | null,
    @Arg('first', () => Int, { defaultValue: 50, description: `Page size, 1 to ${MAX_PAGE}.` }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' })
    after: string | null,
  ): Promise<Connection<SecurityAlertEntity>> {
    requireRole(ctx, Role.ADMIN);
    if (first < 1 || first > MAX_PAGE) {
      throw new ComplianceError(
        ComplianceErrorCode.BAD_USER_INPUT,
        `first must be between 1 and ${MAX_PAGE}.`,
        {
          field: 'first',
        },
      );
    }
    const rows = await searchAlerts(ctx.dataSource, { status, severity }, first, after ?? null);
    return toConnection(rows, first, (alert) => keysetCursor(alert.raisedAt, alert.id));
  }

  @Authorized()
  @Query(() => SecurityAlertEntity, { nullable: true, description: 'One security alert (ADMIN only).' })
  securityAlert(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'Alert id.' }) id: string,
  ): Promise<SecurityAlertEntity | null> {
    requireRole(ctx, Role.ADMIN);
    if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(null);
    return ctx.dataSource.getRepository(SecurityAlertEntity).findOneBy({ id });
  }

  @Authorized()
  @Mutation(() => SecurityAlertEntity, { description: 'Raises a security alert by hand (ADMIN only).' })
  raiseSecurityAlert(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RaiseSecurityAlertInput, {
      description: 'Severity, what happened, and whom it concerns.',
    })
    input: RaiseSecurityAlertInput,
  ): Promise<SecurityAlertEntity> {
    return raiseManualAlert(ctx, input);
  }

  @Authorized()
  @Mutation(() => SecurityAlertEntity, {
    description: 'Marks a security alert as taken on by the caller (ADMIN only).',
  })
  acknowledgeAlert(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'Alert id.' }) id: string,
  ): Promise<SecurityAlertEntity> {
    return advanceAlert(ctx, id, SecurityAlertStatus.ACKNOWLEDGED);
  }

  @Authorized()
  @Mutation(() => SecurityAlertEntity, { description: 'Closes a handled security alert (ADMIN only).' })
  resolveAlert(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'Alert id.' }) id: string,
  ): Promise<SecurityAlertEntity> {
    return advanceAlert(ctx, id, SecurityAlertStatus.RESOLVED);
  }
}
