import { describe, expect, it } from 'vitest';
import { AnalysisTaskType, AnalyzerKind } from '../entities/analysis-enums';
import type { PatientRecord } from '../record/patient-record';
import type { AnalysisContext } from './analyzer';
import { RuleAnalyzer } from './rule-analyzer';

const record: PatientRecord = {
  patientId: 'p-1',
  gender: 'male',
  birthDate: '1959-02-23',
  fetchedAt: '2026-12-01T00:00:00Z',
  observations: [
    {
      id: 'ldl',
      codeSystem: 'http://loinc.org',
      code: '18262-6',
      display: 'LDL',
      category: 'laboratory',
      value: 170,
      unit: 'mg/dL',
      referenceLow: null,
      referenceHigh: null,
      effectiveAt: '2026-06-29T00:00:00Z',
      components: [],
    },
  ],
  immunizations: [],
  procedures: [],
  conditions: [
    { id: 'c-1', code: '44054006', display: 'Diabetes', clinicalStatus: 'active', onsetAt: '2010-01-01' },
  ],
  medications: [
    { id: 'm-1', code: '860975', display: 'Metformin', status: 'active', startedAt: '2010-01-02' },
  ],
};

function context(progress: number[]): AnalysisContext {
  return {
    record,
    asOf: new Date('2026-12-01T00:00:00Z'),
    signal: new AbortController().signal,
    checkpoint: (percent) => {
      progress.push(percent);
      return Promise.resolve();
    },
    actor: { service: 'analysis', principal: null, traceId: null, clientIp: null },
  };
}

describe('RuleAnalyzer', () => {
  const analyzer = new RuleAnalyzer();

  it('answers CARE_GAPS with cited care gaps and lab findings, labelled RULES, at no cost', async () => {
    const progress: number[] = [];
    const outcome = await analyzer.analyze(context(progress), {
      id: 't',
      type: AnalysisTaskType.CARE_GAPS,
      question: null,
      patientId: 'p-1',
      ownerUserId: 'u-1',
    });
    expect(outcome.analyzer).toBe(AnalyzerKind.RULES);
    expect(outcome.actualCost).toBe(0);
    expect(outcome.sections.map((section) => section.kind)).toEqual([
      'CARE_GAPS',
      'LAB_TRENDS',
      'LIMITATIONS',
    ]);
    const [care, labs] = outcome.sections;
    expect(care?.statements.every((statement) => statement.citations.length > 0)).toBe(true);
    expect(labs?.statements[0]?.citations).toEqual([{ recordId: 'ldl', recordKind: 'OBSERVATION' }]);
    expect(outcome.sections.at(-1)?.statements[0]?.text).toMatch(/rule-based analyzer \(no AI model\)/);
    expect(progress).toEqual([20, 50, 80]);
  });

  it('gives SUMMARY a health score and cites active conditions', async () => {
    const outcome = await analyzer.analyze(context([]), {
      id: 't',
      type: AnalysisTaskType.SUMMARY,
      question: null,
      patientId: 'p-1',
      ownerUserId: 'u-1',
    });
    expect(outcome.healthScore).toEqual(expect.any(Number));
    const overview = outcome.sections.find((section) => section.kind === 'RECORD_OVERVIEW');
    expect(overview?.statements.flatMap((statement) => statement.citations)).toContainEqual({
      recordId: 'c-1',
      recordKind: 'CONDITION',
    });
  });

  it('lists medications for MEDICATION_REVIEW and says interactions are not checked', async () => {
    const outcome = await analyzer.analyze(context([]), {
      id: 't',
      type: AnalysisTaskType.MEDICATION_REVIEW,
      question: null,
      patientId: 'p-1',
      ownerUserId: 'u-1',
    });
    expect(outcome.sections[0]?.statements[0]?.citations).toEqual([
      { recordId: 'm-1', recordKind: 'MEDICATION' },
    ]);
    expect(outcome.sections[1]?.statements[0]?.text).toMatch(/interactions are not checked/);
  });

  it('does not take free-text questions', () => {
    expect(analyzer.supports(AnalysisTaskType.QUESTION)).toBe(false);
    expect(analyzer.supports(AnalysisTaskType.CARE_GAPS)).toBe(true);
  });
});
