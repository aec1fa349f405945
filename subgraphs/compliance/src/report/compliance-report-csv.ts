import type { ComplianceReportData } from './compliance-report';

/**
 * One CSV cell: quoted when it holds a separator, quote or line break, and prefixed with an apostrophe when a
 * spreadsheet would read it as a formula (actor ids and actions come from audit events, i.e. from callers).
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole report as one CSV table: section, three describing columns, count. */
export function complianceReportCsv(report: ComplianceReportData): string {
  const rows: Array<Array<string | number | boolean | null>> = [
    ['section', 'key', 'detail', 'extra', 'count'],
    ['range', report.from.toISOString(), report.to.toISOString(), report.generatedAt.toISOString(), null],
    ...report.totals.map((row) => ['action_by_role', row.action, row.role, null, row.count]),
    ...report.phiAccesses.map((row) => [
      'phi_access_by_patient',
      row.patientId,
      'denied',
      row.denied,
      row.accesses,
    ]),
    ...report.deniedAccesses.map((row) => [
      'denied_access',
      row.actorId,
      row.action,
      row.entityType,
      row.count,
    ]),
    ['denied_total', null, null, null, report.deniedTotal],
    ...report.alerts.map((row) => ['security_alerts', row.kind, row.severity, row.status, row.count]),
    [
      'audit_chain',
      report.chain.valid ? 'valid' : 'broken',
      report.chain.firstBroken ? String(report.chain.firstBroken.seq) : null,
      report.chain.firstBroken?.reason ?? null,
      report.chain.checkedEntries,
    ],
    ...(report.chain.brokenCheckpoint
      ? [
          [
            'audit_checkpoint',
            report.chain.brokenCheckpoint.kind,
            String(report.chain.brokenCheckpoint.id),
            report.chain.brokenCheckpoint.reason,
            report.chain.brokenCheckpoint.upToSeq,
          ],
        ]
      : []),
  ];
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
