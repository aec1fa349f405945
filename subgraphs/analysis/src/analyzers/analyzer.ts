import type { AuditActor } from '@holovitals/subgraph-kit';
import type { AnalysisTaskType, AnalyzerKind } from '../entities/analysis-enums';
import type { Citation, PatientRecord } from '../record/patient-record';

/** One sentence of a result and the records it rests on. */
export interface AnalysisStatement {
  text: string;
  citations: Citation[];
}

export enum AnalysisSectionKind {
  RECORD_OVERVIEW = 'RECORD_OVERVIEW',
  CARE_GAPS = 'CARE_GAPS',
  LAB_TRENDS = 'LAB_TRENDS',
  HEALTH_SCORE = 'HEALTH_SCORE',
  MEDICATIONS = 'MEDICATIONS',
  ANSWER = 'ANSWER',
  LIMITATIONS = 'LIMITATIONS',
}

export interface AnalysisSection {
  kind: AnalysisSectionKind;
  title: string;
  statements: AnalysisStatement[];
}

/** What an analyzer hands back; the worker stores it as the task's AnalysisResult. */
export interface AnalysisOutcome {
  analyzer: AnalyzerKind;
  sections: AnalysisSection[];
  /** The health score when the analysis computed one. */
  healthScore: number | null;
  /** What the analysis cost in credits (RULES: 0). */
  actualCost: number;
}

/** What the analyzer works on: the record snapshot, the date it judges "overdue" against, and the task's controls. */
export interface AnalysisContext {
  record: PatientRecord;
  asOf: Date;
  /** Fires when the task is cancelled or times out; long analyzers pass it on. */
  signal: AbortSignal;
  /**
   * Reports progress (0–100) between steps; the worker records it, publishes it, and throws when the task was
   * cancelled meanwhile, so an analyzer stops at the next step.
   */
  checkpoint(percent: number): Promise<void>;
  /** Who the analysis runs as in audit entries (the worker's job), for analyzers that send data out. */
  actor: AuditActor;
}

export interface AnalysisTaskInput {
  id: string;
  type: AnalysisTaskType;
  question: string | null;
  patientId: string;
  /** The user who asked for it: the one a model's cost is charged to. */
  ownerUserId: string;
}

/**
 * Turns a record into a cited result. The rule analyzer works without any model; a model analyzer (OpenAI
 * protocol, de-identified context) plugs in behind the same interface.
 */
export interface Analyzer {
  readonly kind: AnalyzerKind;
  /** Whether this analyzer can do the task type at all (the rule analyzer cannot answer free questions). */
  supports(type: AnalysisTaskType): boolean;
  analyze(context: AnalysisContext, task: AnalysisTaskInput): Promise<AnalysisOutcome>;
}
