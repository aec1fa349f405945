import { connectionType } from '@holovitals/subgraph-kit';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AnalysisPriority, AnalysisTaskStatus, AnalyzerKind } from '../../entities/analysis-enums';
import { AnalysisTaskEntity } from '../../entities/analysis-task.entity';

export const AnalysisTaskConnection = connectionType(AnalysisTaskEntity, 'AnalysisTask');

@ObjectType('AnalysisCostEstimate', {
  description: 'What an analysis is expected to cost, before it is requested.',
})
export class AnalysisCostEstimateType {
  @Field(() => AnalyzerKind, { description: 'The analyzer that would run it.' })
  analyzer: AnalyzerKind;

  @Field(() => Float, { description: 'Credits it would cost (RULES: 0).' })
  credits: number;

  @Field(() => Int, { description: 'Tokens a model would be sent (RULES: 0).' })
  inputTokens: number;

  @Field(() => Int, { description: 'Most tokens a model would write (RULES: 0).' })
  outputTokens: number;

  @Field(() => String, { description: 'What the estimate rests on.' })
  basis: string;
}

@ObjectType('AnalysisStatusCount', { description: 'How many tasks are in one status.' })
export class AnalysisStatusCount {
  @Field(() => AnalysisTaskStatus, { description: 'The status.' })
  status: AnalysisTaskStatus;

  @Field(() => Int, { description: 'Tasks in it.' })
  count: number;
}

@ObjectType('AnalysisPriorityCount', { description: 'How many tasks wait at one priority.' })
export class AnalysisPriorityCount {
  @Field(() => AnalysisPriority, { description: 'The priority.' })
  priority: AnalysisPriority;

  @Field(() => Int, { description: 'Tasks waiting at it.' })
  count: number;
}

@ObjectType('AnalysisDeadLetter', { description: 'A job that failed every try, with its last reason.' })
export class AnalysisDeadLetterType {
  @Field(() => String, { description: 'The job id (the task id).' })
  jobId: string;

  @Field(() => String, { description: 'Why its last try failed.' })
  failedReason: string;

  @Field(() => Int, { description: 'Tries made.' })
  attemptsMade: number;

  @Field(() => String, { description: 'When it was dead-lettered (ISO 8601).' })
  failedAt: string;
}

@ObjectType('AnalysisQueueStats', { description: 'The analysis queue at a glance (ADMIN only).' })
export class AnalysisQueueStatsType {
  @Field(() => [AnalysisStatusCount], { description: 'Tasks per status.' })
  byStatus: AnalysisStatusCount[];

  @Field(() => [AnalysisPriorityCount], { description: 'Waiting tasks per priority.' })
  waitingByPriority: AnalysisPriorityCount[];

  @Field(() => Float, {
    nullable: true,
    description: 'Age of the oldest waiting task in seconds; null when none waits.',
  })
  oldestWaitingSeconds: number | null;

  @Field(() => [AnalysisDeadLetterType], { description: 'Dead-lettered jobs, oldest first (at most 50).' })
  deadLetters: AnalysisDeadLetterType[];
}
