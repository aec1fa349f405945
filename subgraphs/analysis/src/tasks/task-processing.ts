import type { EnvelopeCipher } from '@holovitals/encryption';
import { enqueueEvent } from '@holovitals/events';
import type { ChangePublisher } from '@holovitals/live-changes';
import { jobSystemActor, recordAudit } from '@holovitals/subgraph-kit';
import { type JobContext, JobCancelledError, performOnce } from '@holovitals/worker-runtime';
import { type DataSource, In } from 'typeorm';
import type { AnalysisOutcome } from '../analyzers/analyzer';
import type { AnalyzerRegistry } from '../analyzers/analyzer-registry';
import { readTaskSnapshot } from '../context/context-store';
import { AnalysisTaskStatus, FINISHED_STATUSES } from '../entities/analysis-enums';
import { AnalysisResultEntity } from '../entities/analysis-result.entity';
import { AnalysisTaskEntity } from '../entities/analysis-task.entity';
import { publishTaskChange } from '../live/task-changes';
import type { AnalysisJob } from './analysis-queue';

export interface TaskProcessingDeps {
  dataSource: DataSource;
  cipher: EnvelopeCipher;
  analyzers: AnalyzerRegistry;
  changes: ChangePublisher;
  /** The service name audit entries and events carry. */
  service: string;
  now?: () => Date;
}

export type ProcessingOutcome = 'succeeded' | 'skipped' | 'failed';

const OPEN = [AnalysisTaskStatus.QUEUED, AnalysisTaskStatus.RUNNING];

/** A failure retrying cannot fix: the task fails at once instead of using up its tries. */
class PermanentTaskFailure extends Error {
  override readonly name = 'PermanentTaskFailure';
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function finishFailed(
  deps: TaskProcessingDeps,
  task: AnalysisTaskEntity,
  status: AnalysisTaskStatus,
  reason: string,
  job: JobContext<AnalysisJob>,
): Promise<void> {
  await deps.dataSource.transaction(async (manager) => {
    const updated = await manager
      .getRepository(AnalysisTaskEntity)
      .update({ id: task.id, status: In(OPEN) }, { status, failureReason: reason, finishedAt: new Date() });
    if (!updated.affected) return;
    await enqueueEvent(
      manager,
      deps.service,
      'analysis.completed',
      { taskId: task.id, patientId: task.patientId, status: 'FAILED' },
      { traceId: null },
    );
    await recordAudit(manager, jobSystemActor(deps.service, job), {
      action: 'analyse',
      entityType: 'AnalysisTask',
      entityIds: [task.id],
      patientIds: [task.patientId],
      outcome: 'FAILURE',
    });
  });
  await publishTaskChange(deps.changes, job.logger, task.id, ['status', 'failureReason']);
}

/**
 * Runs one try of an analysis job. A task already finished (succeeded, failed, cancelled) is left alone, so a
 * redelivered job never redoes work; the result, the SUCCEEDED status and `analysis.completed` commit together,
 * once per task (performOnce). Between steps the row is re-read and a cancelled task stops.
 */
export async function processAnalysisTask(
  deps: TaskProcessingDeps,
  job: JobContext<AnalysisJob>,
  lastTry: boolean,
): Promise<ProcessingOutcome> {
  const tasks = deps.dataSource.getRepository(AnalysisTaskEntity);
  const task = await tasks.findOneBy({ id: job.data.taskId });
  if (!task || FINISHED_STATUSES.includes(task.status)) return 'skipped';
  const started = await tasks
    .createQueryBuilder()
    .update()
    .set({
      status: AnalysisTaskStatus.RUNNING,
      progress: 0,
      attempts: () => 'attempts + 1',
      startedAt: () => 'COALESCE(started_at, now())',
    })
    .where('id = :id AND status IN (:...open)', { id: task.id, open: OPEN })
    .execute();
  if (!started.affected) return 'skipped';
  await publishTaskChange(deps.changes, job.logger, task.id, ['status', 'attempts']);

  const checkpoint = async (percent: number): Promise<void> => {
    if (job.signal.aborted) throw job.signal.reason;
    const updated = await tasks.update(
      { id: task.id, status: AnalysisTaskStatus.RUNNING },
      { progress: percent },
    );
    if (!updated.affected) throw new JobCancelledError(job.id);
    await job.progress(percent);
    await publishTaskChange(deps.changes, job.logger, task.id, ['progress']);
  };

  // A try that times out (or is abandoned at shutdown) may never return from the analyzer: record it when the
  // signal fires. Both paths update only a RUNNING row, so whichever comes second changes nothing.
  const retryOrDeadLetter = async (error: unknown): Promise<void> => {
    if (lastTry) {
      await finishFailed(deps, task, AnalysisTaskStatus.DEAD_LETTERED, messageOf(error), job);
      return;
    }
    const requeued = await tasks.update(
      { id: task.id, status: AnalysisTaskStatus.RUNNING },
      { status: AnalysisTaskStatus.QUEUED, failureReason: messageOf(error) },
    );
    if (requeued.affected)
      await publishTaskChange(deps.changes, job.logger, task.id, ['status', 'failureReason']);
  };
  const onAbort = (): void => {
    const reason: unknown = job.signal.reason;
    if (reason instanceof JobCancelledError) return;
    retryOrDeadLetter(reason).catch((err: unknown) =>
      job.logger.warn({ err }, 'aborted analysis not recorded'),
    );
  };
  job.signal.addEventListener('abort', onAbort, { once: true });

  let outcome: AnalysisOutcome;
  try {
    const analyzer = deps.analyzers.byKind(task.analyzer);
    if (!analyzer)
      throw new PermanentTaskFailure(`The ${task.analyzer} analyzer is not configured on this worker.`);
    const record = task.contextEntryId
      ? await readTaskSnapshot(deps.dataSource.manager, deps.cipher, task.contextEntryId)
      : null;
    if (!record)
      throw new PermanentTaskFailure('The record snapshot for this analysis expired; request it again.');
    await checkpoint(10);
    outcome = await analyzer.analyze(
      {
        record,
        asOf: deps.now?.() ?? new Date(),
        signal: job.signal,
        checkpoint,
        actor: jobSystemActor(deps.service, job),
      },
      {
        id: task.id,
        type: task.type,
        question: task.question,
        patientId: task.patientId,
        ownerUserId: task.ownerUserId,
      },
    );
    await checkpoint(90);
  } catch (error) {
    if (error instanceof JobCancelledError || job.signal.aborted) throw error;
    if (error instanceof PermanentTaskFailure) {
      await finishFailed(deps, task, AnalysisTaskStatus.FAILED, error.message, job);
      return 'failed';
    }
    // Back to QUEUED with the reason (bull retries after its backoff), or dead-lettered after the last try.
    await retryOrDeadLetter(error);
    throw error;
  } finally {
    job.signal.removeEventListener('abort', onAbort);
  }

  const stored = await performOnce(deps.dataSource, { queue: job.queue, jobId: task.id }, async (manager) => {
    const done = await manager.getRepository(AnalysisTaskEntity).update(
      { id: task.id, status: AnalysisTaskStatus.RUNNING },
      {
        status: AnalysisTaskStatus.SUCCEEDED,
        progress: 100,
        actualCost: outcome.actualCost,
        failureReason: null,
        finishedAt: new Date(),
      },
    );
    // Cancelled while the analyzer ran: roll back the claim and write nothing.
    if (!done.affected) throw new JobCancelledError(job.id);
    const result = await manager.getRepository(AnalysisResultEntity).save({
      taskId: task.id,
      patientId: task.patientId,
      analyzer: outcome.analyzer,
      sections: outcome.sections,
      healthScore: outcome.healthScore,
    });
    await enqueueEvent(
      manager,
      deps.service,
      'analysis.completed',
      { taskId: task.id, patientId: task.patientId, status: 'COMPLETED' },
      { traceId: null },
    );
    await recordAudit(manager, jobSystemActor(deps.service, job), {
      action: 'analyse',
      entityType: 'AnalysisResult',
      entityIds: [result.id],
      patientIds: [task.patientId],
      outcome: 'SUCCESS',
    });
  });
  if (!stored.performed) return 'skipped';
  await publishTaskChange(deps.changes, job.logger, task.id, ['status', 'progress', 'result']);
  return 'succeeded';
}
