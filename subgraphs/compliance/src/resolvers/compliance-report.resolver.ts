import { recordAudit, requireRole, Role, type RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { ComplianceServices } from '../config';
import { buildComplianceReport, checkReportRange } from '../report/compliance-report';
import { complianceReportCsv } from '../report/compliance-report-csv';
import { ComplianceReport } from './types/compliance-report.type';

@Resolver(() => ComplianceReport)
export class ComplianceReportResolver {
  @Authorized()
  @Query(() => ComplianceReport, {
    description:
      'Totals per action and role, accesses per patient, refused accesses, alerts and chain status for [from, to], with a CSV copy (ADMIN only; audited).',
  })
  async complianceReport(
    @Ctx() ctx: RequestContext<ComplianceServices>,
    @Arg('from', () => Date, { description: 'Start of the range.' }) from: Date,
    @Arg('to', () => Date, {
      description: 'End of the range; at most COMPLIANCE_REPORT_MAX_DAYS after from.',
    })
    to: Date,
  ): Promise<ComplianceReport> {
    requireRole(ctx, Role.ADMIN);
    checkReportRange(from, to, ctx.services.config.COMPLIANCE_REPORT_MAX_DAYS);
    const report = await buildComplianceReport(
      ctx.dataSource,
      from,
      to,
      ctx.services.config.AUDIT_CHECKPOINT_PUBLIC_KEYS,
    );
    await recordAudit(ctx.dataSource.manager, ctx, {
      action: 'report',
      entityType: 'ComplianceReport',
      entityIds: [`${from.toISOString()}/${to.toISOString()}`],
      patientIds: [],
      outcome: 'SUCCESS',
    });
    return { ...report, csv: complianceReportCsv(report) };
  }
}
