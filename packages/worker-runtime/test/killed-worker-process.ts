/**
 * Child process for the crash test: runs a credit worker that commits its effect, reports it as a JSON
 * line on stdout and then hangs (never acknowledging the job) until the test SIGKILLs it.
 */
import { defineWorker, runWorker } from '../src';
import { createEffectDataSource, creditProcessor } from './worker-test-queues';

const { CRASH_DATABASE_URL: databaseUrl } = process.env;

async function main(): Promise<void> {
  const dataSource = createEffectDataSource(databaseUrl as string);
  await dataSource.initialize();
  await runWorker(
    defineWorker({
      name: 'doomed-worker',
      defaultPort: 0,
      reportErrorsTo: null,
      processors: () => [
        creditProcessor(dataSource, (jobId) => {
          process.stdout.write(`${JSON.stringify({ effectCommitted: jobId })}\n`);
          return new Promise<void>(() => undefined);
        }),
      ],
    }),
  );
  process.stdout.write(`${JSON.stringify({ started: true })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
