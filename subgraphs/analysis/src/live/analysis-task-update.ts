import { CHANGE_KINDS, type ChangeKind } from '@holovitals/live-changes';
import { GraphQLError } from 'graphql';
import { Arg, Field, ID, ObjectType, registerEnumType, Resolver, Subscription } from 'type-graphql';
import { AnalysisTaskEntity } from '../entities/analysis-task.entity';
import { ANALYSIS_TASK_UPDATED } from './task-changes';

export const AnalysisTaskChangeKind = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, kind])) as {
  [K in ChangeKind]: K;
};

registerEnumType(AnalysisTaskChangeKind, {
  name: 'AnalysisTaskChangeKind',
  description: 'What happened to the watched analysis task.',
  valuesConfig: {
    CREATED: { description: 'It was requested.' },
    UPDATED: { description: 'Its status, progress or result changed.' },
    DELETED: { description: 'It was deleted.' },
  },
});

@ObjectType({
  description:
    'One change of an analysis task, delivered by `analysisTaskUpdated`; `analysisTask` is read with the subscriber’s own token.',
})
export class AnalysisTaskUpdate {
  @Field(() => ID, { description: 'The task.' })
  id!: string;

  @Field(() => AnalysisTaskChangeKind, { description: 'What happened.' })
  kind!: ChangeKind;

  @Field(() => [String], { description: 'What changed: status, progress, attempts, failureReason, result.' })
  changed!: string[];

  @Field(() => String, { description: 'When the analysis service published the change (ISO 8601).' })
  at!: string;

  @Field(() => AnalysisTaskEntity, { description: 'The task as it is now.' })
  analysisTask!: AnalysisTaskEntity;
}

/** Declares the subscription in this subgraph's SDL; the gateway serves it over graphql-ws. */
@Resolver(() => AnalysisTaskUpdate)
export class AnalysisTaskUpdateResolver {
  @Subscription(() => AnalysisTaskUpdate, {
    name: ANALYSIS_TASK_UPDATED,
    description: 'Status and progress of one analysis task, for its owner (and ADMIN).',
    topics: ANALYSIS_TASK_UPDATED,
  })
  analysisTaskUpdated(
    @Arg('taskId', () => ID, { description: 'The task to watch.' }) _taskId: string,
  ): AnalysisTaskUpdate {
    throw new GraphQLError('Subscriptions are served by the gateway.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
}
