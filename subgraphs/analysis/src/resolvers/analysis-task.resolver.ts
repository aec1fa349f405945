import {
  type Connection,
  keysetCursor,
  recordAudit,
  type RequestContext,
  requireUser,
  toConnection,
} from '@holovitals/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AnalysisServices } from '../analysis-services';
import { AnalysisTaskEntity } from '../entities/analysis-task.entity';
import { analysisResultLoader } from '../loaders/analysis-result.loader';
import { requirePatientAnalysesAccess, visibleTask } from '../tasks/task-access';
import { cancelAnalysisTask } from '../tasks/task-cancellation';
import { listTasks, MAX_TASK_PAGE } from '../tasks/task-list';
import { requestAnalysis } from '../tasks/task-requests';
import { AnalysisTaskConnection } from './types/analysis-outputs.type';
import { AnalysisResultType } from './types/analysis-result.type';
import { RequestAnalysisInput } from './types/request-analysis.input';

type Ctx = RequestContext<AnalysisServices>;

@Resolver(() => AnalysisTaskEntity)
export class AnalysisTaskResolver {
  @Mutation(() => AnalysisTaskEntity, {
    description:
      'Queues an analysis of a record you may read (yours, consented, or as ADMIN); the record is read with your own access. Follow it with analysisTask or analysisTaskUpdated.',
  })
  requestAnalysis(
    @Arg('input', () => RequestAnalysisInput, { description: 'What to analyse.' })
    input: RequestAnalysisInput,
    @Ctx() ctx: Ctx,
  ): Promise<AnalysisTaskEntity> {
    return requestAnalysis(ctx, requireUser(ctx), {
      patientId: input.patientId,
      type: input.type,
      priority: input.priority,
      question: input.question ?? null,
      maxCredits: input.maxCredits ?? null,
    });
  }

  @Mutation(() => AnalysisTaskEntity, {
    description:
      'Cancels a waiting or running analysis of yours; a finished one is refused with BAD_USER_INPUT.',
  })
  cancelAnalysisTask(
    @Arg('id', () => ID, { description: 'The task to cancel.' }) id: string,
    @Ctx() ctx: Ctx,
  ): Promise<AnalysisTaskEntity> {
    return cancelAnalysisTask(ctx, requireUser(ctx), id);
  }

  @Query(() => AnalysisTaskEntity, {
    description:
      'An analysis task you requested, or one about a patient whose analyses you may read (yours, a READ_ANALYSES grant, ADMIN); NOT_FOUND otherwise.',
  })
  async analysisTask(
    @Arg('id', () => ID, { description: 'The task.' }) id: string,
    @Ctx() ctx: Ctx,
  ): Promise<AnalysisTaskEntity> {
    const task = await visibleTask(ctx, requireUser(ctx), id);
    await recordAudit(ctx.dataSource.manager, ctx, {
      action: 'read',
      entityType: 'AnalysisTask',
      entityIds: [task.id],
      patientIds: [task.patientId],
      outcome: 'SUCCESS',
    });
    return task;
  }

  @Query(() => AnalysisTaskConnection, {
    description:
      'Analysis tasks newest first: the ones you requested, or with patientId every task about that patient (yours, a READ_ANALYSES grant, ADMIN; FORBIDDEN otherwise).',
  })
  async analysisTasks(
    @Arg('first', () => Int, { defaultValue: 20, description: `Page size, 1 to ${MAX_TASK_PAGE}.` })
    first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' })
    after: string | null,
    @Arg('patientId', () => ID, {
      nullable: true,
      description: 'List every task about this patient instead of your own.',
    })
    patientId: string | null,
    @Ctx() ctx: Ctx,
  ): Promise<Connection<AnalysisTaskEntity>> {
    const principal = requireUser(ctx);
    if (patientId) await requirePatientAnalysesAccess(ctx, patientId);
    const scope = patientId ? { patientId } : { ownerUserId: principal.id };
    const page = toConnection(await listTasks(ctx.dataSource, scope, first, after), first, (task) =>
      keysetCursor(task.createdAt, task.id),
    );
    if (page.nodes.length > 0) {
      await recordAudit(ctx.dataSource.manager, ctx, {
        action: 'read',
        entityType: 'AnalysisTask',
        entityIds: page.nodes.map((task) => task.id),
        patientIds: page.nodes.map((task) => task.patientId),
        outcome: 'SUCCESS',
      });
    }
    return page;
  }

  @FieldResolver(() => AnalysisResultType, {
    nullable: true,
    description: 'The cited result once the task SUCCEEDED; null before.',
  })
  async result(@Root() task: AnalysisTaskEntity, @Ctx() ctx: Ctx): Promise<AnalysisResultType | null> {
    return analysisResultLoader(ctx).load(task.id);
  }
}
