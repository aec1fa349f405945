import { describe, expect, it } from 'vitest';
import { complianceReportCsv, csvCell } from './compliance-report-csv';

describe('compliance report CSV', () => {
  it('quotes separators and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('writes one row per total, patient, denial, alert group and the chain status', () => {
    const csv = complianceReportCsv({
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-30T00:00:00Z'),
      generatedAt: new Date('2026-12-01T00:00:00Z'),
      totals: [{ action: 'read', role: 'CLINICIAN', count: 3 }],
      phiAccesses: [{ patientId: 'p1', accesses: 3, denied: 1 }],
      deniedAccesses: [{ actorId: 'u1', action: 'read', entityType: 'Patient', count: 1 }],
      deniedTotal: 1,
      alerts: [{ kind: 'BULK_EXPORT', severity: 'MEDIUM', status: 'OPEN', count: 2 }],
      chain: {
        valid: true,
        checkedEntries: 9,
        firstBroken: null,
        checkpointsVerified: 0,
        brokenCheckpoint: null,
        purgedThroughSeq: null,
      },
    });
    expect(csv.split('\r\n')).toEqual([
      'section,key,detail,extra,count',
      'range,2026-11-01T00:00:00.000Z,2026-11-30T00:00:00.000Z,2026-12-01T00:00:00.000Z,',
      'action_by_role,read,CLINICIAN,,3',
      'phi_access_by_patient,p1,denied,1,3',
      'denied_access,u1,read,Patient,1',
      'denied_total,,,,1',
      'security_alerts,BULK_EXPORT,MEDIUM,OPEN,2',
      'audit_chain,valid,,,9',
      '',
    ]);
  });
});

describe('compliance report CSV of a broken chain', () => {
  it('names the checkpoint that does not hold', () => {
    const csv = complianceReportCsv({
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-30T00:00:00Z'),
      generatedAt: new Date('2026-12-01T00:00:00Z'),
      totals: [],
      phiAccesses: [],
      deniedAccesses: [],
      deniedTotal: 0,
      alerts: [],
      chain: {
        valid: false,
        checkedEntries: 11,
        firstBroken: { seq: 12, eventId: 'e12', reason: 'CHECKPOINT_MISMATCH' },
        checkpointsVerified: 2,
        brokenCheckpoint: { kind: 'CHECKPOINT', id: 1, upToSeq: 12, reason: 'HEAD_MISMATCH' },
        purgedThroughSeq: null,
      },
    });
    expect(csv.split('\r\n').slice(-3)).toEqual([
      'audit_chain,broken,12,CHECKPOINT_MISMATCH,11',
      'audit_checkpoint,CHECKPOINT,1,HEAD_MISMATCH,12',
      '',
    ]);
  });
});
