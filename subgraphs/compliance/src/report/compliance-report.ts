import type { DataSource } from 'typeorm';
import { verifyAuditChain, type AuditChainResult } from '../audit/audit-chain-verification';
import type { CheckpointVerifyKeys } from '../audit/checkpoint-signing';
import { ComplianceError, ComplianceErrorCode } from '../compliance-error';

const DAY_MS = 86_400_000;

/** Compliance's own entries (searches, reports) are about the log; they are no access to health data. */
const OWN_SERVICE = 'compliance';

export interface ComplianceReportData {
  from: Date;
  to: Date;
  generatedAt: Date;
  totals: Array<{ action: string; role: string; count: number }>;
  phiAccesses: Array<{ patientId: string; accesses: number; denied: number }>;
  deniedAccesses: Array<{ actorId: string | null; action: string; entityType: string; count: number }>;
  deniedTotal: number;
  alerts: Array<{ kind: string; severity: string; status: string; count: number }>;
  chain: AuditChainResult;
}

/** Refuses a range that is backwards or longer than the configured maximum, before anything is read. */
export function checkReportRange(from: Date, to: Date, maxDays: number): void {
  if (from > to) {
    throw new ComplianceError(ComplianceErrorCode.BAD_USER_INPUT, 'from must not be after to.', {
      field: 'from',
    });
  }
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) {
    throw new ComplianceError(
      ComplianceErrorCode.REPORT_RANGE_TOO_LONG,
      `A report covers at most ${maxDays} days.`,
      { field: 'to', maxDays },
    );
  }
}

/** Counts over the audit log and alerts for [from, to], plus the chain verified over the same range. */
export async function buildComplianceReport(
  dataSource: DataSource,
  from: Date,
  to: Date,
  checkpointKeys: CheckpointVerifyKeys,
): Promise<ComplianceReportData> {
  const totals: Array<{ action: string; role: string; n: string }> = await dataSource.query(
    `SELECT action, coalesce(role, 'NONE') AS role, count(*) AS n
       FROM audit_log LEFT JOIN LATERAL unnest(actor_roles) AS role ON true
      WHERE occurred_at BETWEEN $1 AND $2
      GROUP BY action, role ORDER BY action, role`,
    [from, to],
  );
  const phi: Array<{ patient_id: string; n: string; denied: string }> = await dataSource.query(
    `SELECT patient AS patient_id, count(*) AS n, count(*) FILTER (WHERE outcome = 'DENIED') AS denied
       FROM audit_log CROSS JOIN LATERAL unnest(patient_ids) AS patient
      WHERE occurred_at BETWEEN $1 AND $2 AND service <> $3
      GROUP BY patient ORDER BY n DESC, patient`,
    [from, to, OWN_SERVICE],
  );
  const denied: Array<{ actor_id: string | null; action: string; entity_type: string; n: string }> =
    await dataSource.query(
      `SELECT actor_id, action, entity_type, count(*) AS n FROM audit_log
        WHERE occurred_at BETWEEN $1 AND $2 AND outcome = 'DENIED'
        GROUP BY actor_id, action, entity_type ORDER BY n DESC, actor_id, action, entity_type`,
      [from, to],
    );
  const alerts: Array<{ kind: string; severity: string; status: string; n: string }> = await dataSource.query(
    `SELECT kind, severity, status, count(*) AS n FROM security_alert
      WHERE raised_at BETWEEN $1 AND $2 GROUP BY kind, severity, status ORDER BY kind, severity, status`,
    [from, to],
  );
  const deniedAccesses = denied.map((row) => ({
    actorId: row.actor_id,
    action: row.action,
    entityType: row.entity_type,
    count: Number(row.n),
  }));
  return {
    from,
    to,
    generatedAt: new Date(),
    totals: totals.map((row) => ({ action: row.action, role: row.role, count: Number(row.n) })),
    phiAccesses: phi.map((row) => ({
      patientId: row.patient_id,
      accesses: Number(row.n),
      denied: Number(row.denied),
    })),
    deniedAccesses,
    deniedTotal: deniedAccesses.reduce((sum, row) => sum + row.count, 0),
    alerts: alerts.map((row) => ({
      kind: row.kind,
      severity: row.severity,
      status: row.status,
      count: Number(row.n),
    })),
    chain: await verifyAuditChain(dataSource, checkpointKeys, from, to),
  };
}
