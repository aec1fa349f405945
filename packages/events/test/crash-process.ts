/**
 * Child process for the crash tests: does real outbox or consumer work, then dies abruptly at the moment
 * the test is about. Takes its parameters from CRASH_* environment variables and reports progress as JSON
 * lines on stdout. Loaded through jiti's CommonJS loader, which starts several times faster here than
 * `node --import jiti/register`.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { EventConsumer } from '../src/event-consumer';
import { enqueueEvent } from '../src/outbox';
import { createEventDataSource, silentLogger, testPublicKeys } from './event-test-environment';

const {
  CRASH_MODE: mode,
  CRASH_DATABASE_URL: databaseUrl,
  CRASH_REDIS_URL: redisUrl,
  CRASH_STREAM_PREFIX: streamPrefix,
  CRASH_GROUP: group,
} = process.env;

function report(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function publish(): Promise<void> {
  const dataSource = createEventDataSource(databaseUrl as string);
  await dataSource.initialize();
  const patientId = randomUUID();
  const event = await dataSource.transaction(async (manager) => {
    await manager.query('INSERT INTO patient_record (id) VALUES ($1)', [patientId]);
    return enqueueEvent(manager, 'patient', 'patient.created', { patientId, ownerUserId: null });
  });
  report({ committed: event.id, patientId });
  if (mode === 'publish-then-exit') {
    process.exit(0);
  }
  // 'publish-then-hang': stay alive until the test SIGKILLs us.
  setInterval(() => undefined, 60_000);
}

async function consumeThenCrash(): Promise<void> {
  const dataSource = createEventDataSource(databaseUrl as string);
  await dataSource.initialize();
  let handledEventId: string | undefined;
  // Dies right after the handler's transaction commits, before the consumer can XACK.
  dataSource.subscribers.push({
    afterTransactionCommit: () => {
      if (handledEventId) {
        report({ handledAndCommitted: handledEventId });
        process.kill(process.pid, 'SIGKILL');
      }
    },
  });
  const consumer = new EventConsumer({
    dataSource,
    redis: new Redis(redisUrl as string),
    group: group as string,
    consumer: 'doomed-consumer',
    streamPrefix,
    logger: silentLogger,
    publicKeys: testPublicKeys,
    blockMs: 50,
    handlers: {
      'patient.created': async (event, manager) => {
        await manager.query('INSERT INTO handled_effect (event_id) VALUES ($1)', [event.id]);
        handledEventId = event.id;
      },
    },
  });
  for (;;) {
    await consumer.processOnce();
  }
}

const work = mode === 'consume-then-crash' ? consumeThenCrash() : publish();
work.catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
