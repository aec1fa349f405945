import { parseChangeMessage, subscriptionChannel } from '@holovitals/live-changes';
import { Role } from '@holovitals/subgraph-kit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisPriority, AnalysisTaskStatus } from '../src/entities/analysis-enums';
import { AnalysisResultEntity } from '../src/entities/analysis-result.entity';
import { type AnalysisHarness, eventually, newUser, startAnalysisHarness } from './support/analysis-harness';
import { FailingAnalyzer, GatedAnalyzer, HangingAnalyzer } from './support/test-analyzers';

const FINISHED = [
  AnalysisTaskStatus.SUCCEEDED,
  AnalysisTaskStatus.FAILED,
  AnalysisTaskStatus.CANCELLED,
  AnalysisTaskStatus.DEAD_LETTERED,
];

describe('analysis queue (real Postgres, Redis, bull worker)', () => {
  let h: AnalysisHarness;

  beforeAll(async () => {
    h = await startAnalysisHarness();
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  const finished = (id: string) =>
    eventually(
      () => h.task(id),
      (task) => FINISHED.includes(task.status),
    );

  it('runs waiting tasks STAT first, BATCH last, and stores a cited RULES result for each', async () => {
    const owner = newUser();
    const order = [
      AnalysisPriority.BATCH,
      AnalysisPriority.NORMAL,
      AnalysisPriority.URGENT,
      AnalysisPriority.STAT,
    ];
    const tasks = [];
    for (const priority of order) tasks.push(await h.queueTask(owner, priority));
    const worker = await h.startWorker(undefined, { ANALYSIS_WORKER_CONCURRENCY: '1' });
    const done = await Promise.all(tasks.map((task) => finished(task.id)));
    await worker.stop();
    expect(done.map((task) => task.status)).toEqual(order.map(() => AnalysisTaskStatus.SUCCEEDED));
    const byStart = [...done].sort(
      (a, b) => (a.startedAt as Date).getTime() - (b.startedAt as Date).getTime(),
    );
    expect(byStart.map((task) => task.priority)).toEqual([
      AnalysisPriority.STAT,
      AnalysisPriority.URGENT,
      AnalysisPriority.NORMAL,
      AnalysisPriority.BATCH,
    ]);
    const result = await h.sg.dataSource
      .getRepository(AnalysisResultEntity)
      .findOneByOrFail({ taskId: tasks[0]?.id });
    expect(result.analyzer).toBe('RULES');
    const statements = result.sections.flatMap((section) => section.statements);
    expect(statements.map((statement) => statement.citations).flat()).toContainEqual({
      recordId: 'proc-colo',
      recordKind: 'PROCEDURE',
    });
    expect(done[0]).toMatchObject({ progress: 100, attempts: 1, actualCost: 0 });
  }, 60_000);

  it('retries a failing analysis with backoff, then dead-letters it with the last reason', async () => {
    const failing = new FailingAnalyzer();
    const worker = await h.startWorker([failing]);
    const task = await h.queueTask(newUser());
    const done = await finished(task.id);
    await worker.stop();
    expect(done.status).toBe(AnalysisTaskStatus.DEAD_LETTERED);
    expect(done.attempts).toBe(3);
    expect(done.failureReason).toBe('model server answered 503 (try 3)');
    expect(failing.tries).toBe(3);
    const letters = await h.producer.deadLetters(h.queue);
    expect(letters.find((letter) => letter.jobId === task.id)).toMatchObject({
      failedReason: 'model server answered 503 (try 3)',
      attemptsMade: 3,
    });
    expect(await h.sg.dataSource.getRepository(AnalysisResultEntity).countBy({ taskId: task.id })).toBe(0);
  }, 60_000);

  it('ends a try that outruns the timeout and dead-letters the task after its last try', async () => {
    const worker = await h.startWorker([new HangingAnalyzer()], {
      ANALYSIS_TIMEOUT_MS: '300',
      ANALYSIS_ATTEMPTS: '2',
    });
    const task = await h.queueTask(newUser());
    const done = await finished(task.id);
    await worker.stop();
    expect(done).toMatchObject({
      status: AnalysisTaskStatus.DEAD_LETTERED,
      attempts: 2,
      failureReason: 'Job timed out after 300 ms',
    });
  }, 60_000);

  it('cancels a running task at its next step and a waiting one before it starts; a finished one is refused', async () => {
    const gated = new GatedAnalyzer();
    const worker = await h.startWorker([gated], { ANALYSIS_WORKER_CONCURRENCY: '1' });
    const owner = newUser();
    const token = await h.token(Role.PATIENT, owner);
    const running = await h.queueTask(owner);
    const waiting = await h.queueTask(owner);
    await eventually(
      () => h.task(running.id),
      (task) => task.status === AnalysisTaskStatus.RUNNING && task.progress >= 20,
    );
    const cancel = (id: string) =>
      h.sg.graphql<{ cancelAnalysisTask: { status: string } }>(
        'mutation Cancel($id: ID!) { cancelAnalysisTask(id: $id) { id status } }',
        { id },
        { token },
      );
    expect((await cancel(waiting.id)).body.data?.cancelAnalysisTask.status).toBe('CANCELLED');
    expect((await cancel(running.id)).body.data?.cancelAnalysisTask.status).toBe('CANCELLED');
    const progressAtCancel = (await h.task(running.id)).progress;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await h.task(running.id);
    expect(after.status).toBe(AnalysisTaskStatus.CANCELLED);
    expect(after.progress).toBe(progressAtCancel);
    expect(gated.started).toEqual([running.id]);
    gated.release();

    const again = await cancel(running.id);
    expect(again.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const stranger = await h.sg.graphql(
      'mutation Cancel($id: ID!) { cancelAnalysisTask(id: $id) { id } }',
      { id: running.id },
      { token: await h.token(Role.PATIENT, newUser()) },
    );
    expect(stranger.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await worker.stop();
    expect(await h.sg.dataSource.getRepository(AnalysisResultEntity).countBy({ taskId: running.id })).toBe(0);
  }, 60_000);

  it('never redoes a SUCCEEDED task when its job is delivered again', async () => {
    const worker = await h.startWorker();
    const task = await h.queueTask(newUser());
    const done = await finished(task.id);
    expect(done.status).toBe(AnalysisTaskStatus.SUCCEEDED);
    const results = h.sg.dataSource.getRepository(AnalysisResultEntity);
    const first = await results.findOneByOrFail({ taskId: task.id });

    const redelivered = await h.producer.enqueue(h.queue, { taskId: task.id }, { jobId: `${task.id}:again` });
    const status = await eventually(
      () => h.producer.status(h.queue, redelivered),
      (job) => job?.state === 'completed',
    );
    await worker.stop();
    expect(status?.result).toBe('skipped');
    expect(await results.findBy({ taskId: task.id })).toEqual([first]);
    expect(await h.task(task.id)).toMatchObject({ attempts: 1, status: AnalysisTaskStatus.SUCCEEDED });
  }, 60_000);

  it('publishes each status and progress change for analysisTaskUpdated(taskId), with no health data', async () => {
    const task = await h.queueTask(newUser());
    const subscriber = new Redis(h.sg.redisUrl);
    const messages: unknown[] = [];
    await subscriber.subscribe(subscriptionChannel('analysisTaskUpdated', { taskId: task.id }));
    subscriber.on('message', (_channel: string, message: string) => messages.push(JSON.parse(message)));
    const worker = await h.startWorker();
    await finished(task.id);
    await worker.stop();
    await eventually(
      () => Promise.resolve(messages.length),
      (count) => count >= 5,
      5_000,
    );
    subscriber.disconnect();
    const parsed = messages.map(parseChangeMessage);
    expect(
      parsed.every((message) => message?.typename === 'AnalysisTask' && message.key.id === task.id),
    ).toBe(true);
    const changed = parsed.map((message) => message?.changed.join(','));
    expect(changed[0]).toBe('status,attempts');
    expect(changed).toContain('progress');
    expect(changed.at(-1)).toBe('status,progress,result');
  }, 60_000);

  it('shows a task to its owner and ADMIN only, with its result, and lists the owner’s tasks newest first', async () => {
    const owner = newUser();
    const worker = await h.startWorker();
    const older = await h.queueTask(owner);
    const newer = await h.queueTask(owner);
    await finished(older.id);
    await finished(newer.id);
    await worker.stop();
    const query =
      'query T($id: ID!) { analysisTask(id: $id) { id status result { analyzer sections { kind statements { text citations { recordId recordKind } } } } } }';
    const mine = await h.sg.graphql<{ analysisTask: { result: { analyzer: string } } }>(
      query,
      { id: older.id },
      { token: await h.token(Role.PATIENT, owner) },
    );
    expect(mine.body.data?.analysisTask.result.analyzer).toBe('RULES');
    const admin = await h.sg.graphql(
      query,
      { id: older.id },
      { token: await h.token(Role.ADMIN, newUser()) },
    );
    expect(admin.body.errors).toBeUndefined();
    const other = await h.sg.graphql(
      query,
      { id: older.id },
      { token: await h.token(Role.PATIENT, newUser()) },
    );
    expect(other.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unknown = await h.sg.graphql(
      query,
      { id: 'not-a-task' },
      { token: await h.token(Role.PATIENT, owner) },
    );
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const list = await h.sg.graphql<{
      analysisTasks: { nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
    }>(
      'query L($after: String) { analysisTasks(first: 1, after: $after) { nodes { id result { analyzer } } pageInfo { hasNextPage endCursor } } }',
      {},
      { token: await h.token(Role.PATIENT, owner) },
    );
    expect(list.body.data?.analysisTasks.nodes.map((node) => node.id)).toEqual([newer.id]);
    expect(list.body.data?.analysisTasks.pageInfo.hasNextPage).toBe(true);
    const next = await h.sg.graphql<{
      analysisTasks: { nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean } };
    }>(
      'query L($after: String) { analysisTasks(first: 1, after: $after) { nodes { id } pageInfo { hasNextPage } } }',
      { after: list.body.data?.analysisTasks.pageInfo.endCursor },
      { token: await h.token(Role.PATIENT, owner) },
    );
    expect(next.body.data?.analysisTasks.nodes.map((node) => node.id)).toEqual([older.id]);
    expect(next.body.data?.analysisTasks.pageInfo.hasNextPage).toBe(false);

    const stats = await h.sg.graphql<{
      analysisQueueStats: { byStatus: Array<{ status: string; count: number }> };
    }>(
      '{ analysisQueueStats { byStatus { status count } deadLetters { jobId failedReason } } }',
      {},
      { token: await h.token(Role.ADMIN, newUser()) },
    );
    expect(
      stats.body.data?.analysisQueueStats.byStatus.find((row) => row.status === 'SUCCEEDED')?.count,
    ).toBeGreaterThan(0);
    const refused = await h.sg.graphql(
      '{ analysisQueueStats { oldestWaitingSeconds } }',
      {},
      { token: await h.token(Role.PATIENT, owner) },
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }, 60_000);

  it('refuses a QUESTION without a model analyzer and bad input with BAD_USER_INPUT', async () => {
    const token = await h.token(Role.PATIENT, newUser());
    const question = await h.sg.graphql(
      'mutation R($input: RequestAnalysisInput!) { requestAnalysis(input: $input) { id } }',
      {
        input: {
          patientId: '5a1d3c6e-3f0a-4d8e-9d6a-2f1f1f1f1f1f',
          type: 'QUESTION',
          question: 'Is my LDL too high?',
        },
      },
      { token },
    );
    expect(question.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badId = await h.sg.graphql(
      'mutation R($input: RequestAnalysisInput!) { requestAnalysis(input: $input) { id } }',
      { input: { patientId: 'not-a-uuid', type: 'CARE_GAPS' } },
      { token },
    );
    expect(badId.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const pageSize = await h.sg.graphql('{ analysisTasks(first: 0) { nodes { id } } }', {}, { token });
    expect(pageSize.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
