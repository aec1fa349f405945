import { registerEnumType } from 'type-graphql';

export enum AnalysisTaskType {
  SUMMARY = 'SUMMARY',
  LAB_TRENDS = 'LAB_TRENDS',
  MEDICATION_REVIEW = 'MEDICATION_REVIEW',
  CARE_GAPS = 'CARE_GAPS',
  QUESTION = 'QUESTION',
}

export enum AnalysisPriority {
  STAT = 'STAT',
  URGENT = 'URGENT',
  NORMAL = 'NORMAL',
  BATCH = 'BATCH',
}

export enum AnalysisTaskStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
  DEAD_LETTERED = 'DEAD_LETTERED',
}

export enum AnalyzerKind {
  RULES = 'RULES',
  MODEL = 'MODEL',
}

/** Statuses after which a task never runs again. */
export const FINISHED_STATUSES: readonly AnalysisTaskStatus[] = [
  AnalysisTaskStatus.SUCCEEDED,
  AnalysisTaskStatus.FAILED,
  AnalysisTaskStatus.CANCELLED,
  AnalysisTaskStatus.DEAD_LETTERED,
];

registerEnumType(AnalysisTaskType, {
  name: 'AnalysisTaskType',
  description: 'What an analysis looks at.',
  valuesConfig: {
    SUMMARY: { description: 'Overview of the record with health score, care gaps and out-of-range results.' },
    LAB_TRENDS: {
      description: 'Out-of-range lab results and vitals without a later follow-up, with their trend.',
    },
    MEDICATION_REVIEW: { description: 'Active medications (interaction checks need a model analyzer).' },
    CARE_GAPS: {
      description: 'Overdue screenings and immunizations by age and sex, and out-of-range trends.',
    },
    QUESTION: { description: 'A question in the patient’s own words (needs a model analyzer).' },
  },
});

registerEnumType(AnalysisPriority, {
  name: 'AnalysisPriority',
  description: 'Queue priority: STAT runs first, BATCH last.',
  valuesConfig: {
    STAT: { description: 'Run before anything else.' },
    URGENT: { description: 'Run before normal work.' },
    NORMAL: { description: 'The default.' },
    BATCH: { description: 'Background work, run when nothing else waits.' },
  },
});

registerEnumType(AnalysisTaskStatus, {
  name: 'AnalysisTaskStatus',
  description: 'Where an analysis task is.',
  valuesConfig: {
    QUEUED: { description: 'Waiting for a worker (also between retries).' },
    RUNNING: { description: 'A worker is analysing; see progress.' },
    SUCCEEDED: { description: 'Done; the result is ready.' },
    FAILED: {
      description: 'Stopped without a result for a reason that retrying cannot fix; see failureReason.',
    },
    CANCELLED: { description: 'Cancelled by its owner.' },
    DEAD_LETTERED: { description: 'Failed every try; kept in the dead-letter queue with its reason.' },
  },
});

registerEnumType(AnalyzerKind, {
  name: 'AnalyzerKind',
  description: 'What produced a result.',
  valuesConfig: {
    RULES: { description: 'The deterministic rule-based analyzer (no AI model).' },
    MODEL: { description: 'A language model given the de-identified record.' },
  },
});
