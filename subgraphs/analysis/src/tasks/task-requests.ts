import type { EnvelopeCipher } from '@holovitals/encryption';
import { enqueueEvent } from '@holovitals/events';
import type { ChangePublisher } from '@holovitals/live-changes';
import {
  type AuditActor,
  childTraceparent,
  type Principal,
  recordAudit,
  type RequestContext,
} from '@holovitals/subgraph-kit';
import type { QueueDefinition, QueueProducer } from '@holovitals/worker-runtime';
import type { Logger } from 'pino';
import { type DataSource, In } from 'typeorm';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import type { AnalysisServices } from '../analysis-services';
import { storeTaskSnapshot } from '../context/context-store';
import { requireCreditsFor } from '../entitlements/entitlement-projection';
import {
  type AnalysisPriority,
  AnalysisTaskStatus,
  AnalysisTaskType,
  type AnalyzerKind,
} from '../entities/analysis-enums';
import { AnalysisTaskEntity } from '../entities/analysis-task.entity';
import { publishTaskChange } from '../live/task-changes';
import type { PatientRecord } from '../record/patient-record';
import { fetchPatientRecord } from '../record/record-fetch';
import { type AnalysisJob, queuePriority } from './analysis-queue';
import { estimateCost, type ModelPricing } from './cost-estimate';

export interface AnalysisRequest {
  patientId: string;
  type: AnalysisTaskType;
  priority: AnalysisPriority;
  question: string | null;
  /** The credits the caller approved (the estimate they were shown); null: the estimate is accepted. */
  maxCredits: number | null;
}

/** A question belongs to QUESTION tasks only, and QUESTION needs one. */
export function checkRequest(request: AnalysisRequest): void {
  const question = request.question?.trim() ?? '';
  if (request.type === AnalysisTaskType.QUESTION && question.length === 0) {
    throw new AnalysisError(AnalysisErrorCode.BAD_USER_INPUT, 'A QUESTION analysis needs the question.', {
      field: 'question',
    });
  }
  if (request.type !== AnalysisTaskType.QUESTION && question.length > 0) {
    throw new AnalysisError(AnalysisErrorCode.BAD_USER_INPUT, 'Only QUESTION analyses take a question.', {
      field: 'question',
    });
  }
}

function callerToken(ctx: RequestContext): string {
  if (!ctx.accessToken) throw new AnalysisError(AnalysisErrorCode.FORBIDDEN, 'Sign in to analyse a record.');
  return ctx.accessToken;
}

/**
 * Requests an analysis: reads the record with the caller's own token (patient decides and audits whether they
 * may), then queues the task with that snapshot. The worker never needs the caller's token.
 */
export async function requestAnalysis(
  ctx: RequestContext<AnalysisServices>,
  principal: Principal,
  request: AnalysisRequest,
): Promise<AnalysisTaskEntity> {
  checkRequest(request);
  const { services } = ctx;
  const analyzer = services.analyzers.for(request.type);
  if (!analyzer) {
    throw new AnalysisError(
      AnalysisErrorCode.ANALYZER_UNAVAILABLE,
      `${request.type} analyses need a model analyzer, and none is configured.`,
      { type: request.type },
    );
  }
  const open = await ctx.dataSource.getRepository(AnalysisTaskEntity).countBy({
    ownerUserId: principal.id,
    status: In([AnalysisTaskStatus.QUEUED, AnalysisTaskStatus.RUNNING]),
  });
  if (open >= services.config.ANALYSIS_MAX_OPEN_TASKS_PER_USER) {
    throw new AnalysisError(
      AnalysisErrorCode.TOO_MANY_OPEN_TASKS,
      `You already have ${open} analyses waiting or running; wait for one to finish.`,
    );
  }
  const record = await fetchPatientRecord(
    services.recordSource,
    { accessToken: callerToken(ctx), traceparent: childTraceparent(ctx.traceId) },
    request.patientId,
  );
  return queueAnalysis(
    {
      dataSource: ctx.dataSource,
      cipher: services.cipher,
      producer: services.producer,
      queue: services.queue,
      changes: services.changes,
      contextTtlSeconds: services.config.ANALYSIS_CONTEXT_TTL_SECONDS,
      logger: ctx.logger,
      pricing: services.pricing,
    },
    ctx,
    { ...request, ownerUserId: principal.id, analyzer: analyzer.kind },
    record,
  );
}

export interface QueueingDeps {
  dataSource: DataSource;
  cipher: EnvelopeCipher;
  producer: QueueProducer;
  queue: QueueDefinition<AnalysisJob>;
  changes: ChangePublisher;
  contextTtlSeconds: number;
  logger: Pick<Logger, 'warn'>;
  /** The model's prices for the task's estimated cost; absent or null: no model (RULES costs 0). */
  pricing?: ModelPricing | null;
}

/**
 * Seals the record as the task's context, stores the task with `analysis.requested` and its audit entry in one
 * transaction, then queues the job (job id = task id, so a second enqueue of the task is a no-op).
 */
export async function queueAnalysis(
  deps: QueueingDeps,
  actor: AuditActor,
  request: AnalysisRequest & { ownerUserId: string; analyzer: AnalyzerKind },
  record: PatientRecord,
): Promise<AnalysisTaskEntity> {
  const estimate = estimateCost(request.analyzer, JSON.stringify(record).length, deps.pricing ?? null);
  // Refused before anything is sealed, stored or queued.
  if (request.maxCredits !== null && estimate.credits > request.maxCredits) {
    throw new AnalysisError(
      AnalysisErrorCode.ESTIMATE_ABOVE_APPROVED,
      `This analysis is now estimated at ${(estimate.credits / 100).toFixed(2)} in credits, more than the ${(request.maxCredits / 100).toFixed(2)} you approved; look at the new estimate and approve it again.`,
      { field: 'maxCredits', estimatedCents: estimate.credits },
    );
  }
  await requireCreditsFor(deps.dataSource.manager, request.ownerUserId, estimate.credits);
  const task = await deps.dataSource.transaction(async (manager) => {
    const context = await storeTaskSnapshot(
      manager,
      deps.cipher,
      record,
      request.ownerUserId,
      deps.contextTtlSeconds,
    );
    const created = await manager.getRepository(AnalysisTaskEntity).save({
      type: request.type,
      priority: request.priority,
      status: AnalysisTaskStatus.QUEUED,
      progress: 0,
      attempts: 0,
      analyzer: request.analyzer,
      estimatedCost: estimate.credits,
      actualCost: null,
      failureReason: null,
      ownerUserId: request.ownerUserId,
      patientId: request.patientId,
      question: request.question?.trim() || null,
      contextEntryId: context.id,
      startedAt: null,
      finishedAt: null,
    });
    await enqueueEvent(
      manager,
      actor.service,
      'analysis.requested',
      {
        taskId: created.id,
        patientId: created.patientId,
        requestedBy: request.ownerUserId,
        kind: created.type,
      },
      { traceId: actor.traceId },
    );
    await recordAudit(manager, actor, {
      action: 'create',
      entityType: 'AnalysisTask',
      entityIds: [created.id],
      patientIds: [created.patientId],
      outcome: 'SUCCESS',
    });
    return created;
  });
  try {
    await deps.producer.enqueue(
      deps.queue,
      { taskId: task.id },
      { jobId: task.id, priority: queuePriority[task.priority] },
    );
  } catch (err) {
    // The task committed but never reached the queue: say so on the task instead of leaving it waiting forever.
    await deps.dataSource.getRepository(AnalysisTaskEntity).update(
      { id: task.id },
      {
        status: AnalysisTaskStatus.FAILED,
        failureReason: 'The analysis could not be queued.',
        finishedAt: new Date(),
      },
    );
    throw err;
  }
  await publishTaskChange(deps.changes, deps.logger, task.id, ['status'], 'CREATED');
  return task;
}
