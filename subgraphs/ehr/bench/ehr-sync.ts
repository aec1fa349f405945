import 'reflect-metadata';
import { LocalBlobStore } from '@holovitals/blob-store';
import { loadDemoHospitalConfig, startDemoHospital } from '@holovitals/demo-hospital';
import { closeDatabase, initDatabase, jobSystemActor } from '@holovitals/subgraph-kit';
import { createTestDatabase } from '@holovitals/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { completeEhrAuthorization, startEhrAuthorization } from '../src/connections/ehr-authorization';
import { ehrCipher } from '../src/ehr-services';
import { EhrAuthorizationRequestEntity } from '../src/entities/ehr-authorization-request.entity';
import { EhrConnectionEntity } from '../src/entities/ehr-connection.entity';
import { EhrProviderEntity } from '../src/entities/ehr-provider.entity';
import { SyncRunEntity } from '../src/entities/sync-run.entity';
import { addEhrProvider } from '../src/providers/ehr-provider-directory';
import { ehrSubgraph } from '../src/subgraph';
import { runConnectionSync } from '../src/sync/connection-sync';
import { requestSyncRun } from '../src/sync/sync-run-store';

// Syncs Demo Hospital's patients (one connection each) through the product path (fhirclient, NDJSON into the blob
// store, the run and the ehr.sync.completed event in PostgreSQL), once per fetch method, side by side:
//   search   per-type searches paged through link[next] (the baseline),
//   bulk     Bulk Data Patient/$export, status polling, NDJSON files;
// each as a full sync, then an immediate incremental re-sync (should fetch nothing and hand nothing on).
// Usage: npm run bench:ehr-sync [-- --patients=3 --poll-ms=100]
// --poll-ms is the worker's wait before the first export status request (EHR_BULK_POLL_MS; default 2000 in the
// worker). Not measured here: patient's import of the handed-on records (bench:fhir-import measures that path).

const APP_ORIGIN = 'http://app.bench.local';
const patientsArg = process.argv.find((arg) => arg.startsWith('--patients='));
const PATIENTS = Number(patientsArg?.split('=')[1] ?? 3);
const pollArg = process.argv.find((arg) => arg.startsWith('--poll-ms='));
const POLL_MS = Number(pollArg?.split('=')[1] ?? 100);

interface Totals {
  resources: number;
  requests: number;
  statements: number;
  events: number;
  seconds: number;
}

const rate = (run: Totals): number => (run.seconds > 0 ? run.resources / run.seconds : 0);

function line(label: string, run: Totals): string {
  return `${label.padEnd(20)} ${String(run.resources).padStart(6)} resources  ${run.seconds.toFixed(3).padStart(7)} s  ${String(Math.round(rate(run))).padStart(6)} resources/s  ${String(run.requests).padStart(5)} HTTP requests  ${String(run.statements).padStart(5)} SQL statements  ${run.events} events handed on\n`;
}

async function main(): Promise<void> {
  const hospital = await startDemoHospital(
    loadDemoHospitalConfig({ PORT: '0', DEMO_HOSPITAL_PATIENTS: String(PATIENTS), LOG_LEVEL: 'silent' }),
  );
  const testDb = await createTestDatabase('ehr_bench');
  const database = await initDatabase(
    {
      url: testDb.url,
      entities: [EhrProviderEntity, EhrAuthorizationRequestEntity, EhrConnectionEntity, SyncRunEntity],
      migrations: ehrSubgraph.migrations,
    },
    true,
  );
  const blobDir = await mkdtemp(join(tmpdir(), 'ehr-bench-'));
  const cipher = ehrCipher({ KEY_ENCRYPTION_SECRET: 'bench-secret-bench-secret-bench-secret' });
  const { dataSource } = database;
  try {
    const provider = await addEhrProvider(
      dataSource,
      { fhirBaseUrl: hospital.fhirBaseUrl, name: 'Demo Hospital', clientId: 'holovitals', addedBy: 'bench' },
      { timeoutMs: 5000, appOrigin: APP_ORIGIN, allowPrivateNetwork: () => true },
    );
    /** One connection per patient, for fresh users (`userBase` keeps each method's users apart). */
    const connectAll = async (userBase: number): Promise<EhrConnectionEntity[]> => {
      const connections: EhrConnectionEntity[] = [];
      for (const [index, patient] of hospital.store.patients.entries()) {
        const userId = `00000000-0000-4000-8000-${String(userBase + index).padStart(12, '0')}`;
        const started = await startEhrAuthorization(
          dataSource,
          cipher,
          { userId, providerId: provider.id, redirectUri: `${APP_ORIGIN}/cb` },
          { appOrigin: APP_ORIGIN, defaultClientId: 'holovitals', ttlSeconds: 600 },
        );
        const authorize = new URL(started.authorizeUrl);
        const form = new URLSearchParams(authorize.searchParams);
        form.set('decision', 'allow');
        form.set('patient', patient.id);
        const decided = await fetch(`${authorize.origin}${authorize.pathname}`, {
          method: 'POST',
          body: form,
          redirect: 'manual',
        });
        const back = new URL(decided.headers.get('location') ?? '');
        connections.push(
          await completeEhrAuthorization(dataSource, cipher, {
            userId,
            state: back.searchParams.get('state') ?? '',
            code: back.searchParams.get('code') ?? '',
          }),
        );
      }
      return connections;
    };
    const syncAll = async (
      connections: EhrConnectionEntity[],
      bulkExport: { pollIntervalMs: number; maxWaitMs: number } | null,
    ): Promise<Totals> => {
      const totals: Totals = { resources: 0, requests: 0, statements: 0, events: 0, seconds: 0 };
      const handedOn = async (): Promise<number> =>
        Number(
          (
            await dataSource.query<{ n: string }[]>(
              `SELECT count(*) AS n FROM event_outbox WHERE type = 'ehr.sync.completed'`,
            )
          )[0]?.n,
        );
      const eventsBefore = await handedOn();
      const statementsBefore = database.queries.total;
      const started = process.hrtime.bigint();
      for (const stored of connections) {
        const connection = await dataSource
          .getRepository(EhrConnectionEntity)
          .findOneByOrFail({ id: stored.id });
        const { run } = await requestSyncRun(dataSource, connection);
        const done = await runConnectionSync(
          {
            dataSource,
            cipher,
            blobStore: new LocalBlobStore(blobDir),
            actor: jobSystemActor('ehr', { queue: 'ehr.sync', id: run.id }),
            settings: {
              pageSize: 100,
              maxAttempts: 4,
              baseDelayMs: 500,
              maxDelayMs: 30_000,
              maxBlobBytes: 100_000_000,
              bulkExport,
            },
          },
          run.id,
        );
        if (!done || done.status === 'FAILED') throw new Error(`sync failed: ${done?.errors.join('; ')}`);
        totals.resources += done.resourceCount;
        totals.requests += done.httpRequests;
      }
      totals.seconds = Number(process.hrtime.bigint() - started) / 1e9;
      totals.statements = database.queries.total - statementsBefore;
      totals.events = (await handedOn()) - eventsBefore;
      return totals;
    };

    const measure = async (bulk: boolean, userBase: number) => {
      const connections = await connectAll(userBase);
      // Search runs overlap the previous one by a second; let the records loaded at start-up fall outside it.
      await sleep(2100);
      const bulkExport = bulk ? { pollIntervalMs: POLL_MS, maxWaitMs: 600_000 } : null;
      const full = await syncAll(connections, bulkExport);
      return { full, incremental: await syncAll(connections, bulkExport) };
    };
    const search = await measure(false, 0);
    const bulk = await measure(true, 1000);
    process.stdout.write(
      `EHR sync from Demo Hospital, ${PATIENTS} patients (one connection each); bulk polls first after ${POLL_MS} ms\n`,
    );
    process.stdout.write(line('search full', search.full));
    process.stdout.write(line('search incremental', search.incremental));
    process.stdout.write(line('bulk full', bulk.full));
    process.stdout.write(line('bulk incremental', bulk.incremental));
    const ratio = (a: number, b: number): string => (b === 0 ? 'n/a' : (a / b).toFixed(3));
    process.stdout.write(
      `bulk vs search, full: resources/s ${ratio(rate(bulk.full), rate(search.full))}×, HTTP requests ${ratio(bulk.full.requests, search.full.requests)}×, SQL statements ${ratio(bulk.full.statements, search.full.statements)}×\n`,
    );
    process.stdout.write(
      `immediate incremental re-sync: search ${search.incremental.requests} HTTP requests, bulk ${bulk.incremental.requests} HTTP requests (${ratio(bulk.incremental.requests, search.incremental.requests)}×); handed on: search ${search.incremental.events}, bulk ${bulk.incremental.events} events\n`,
    );
  } finally {
    await closeDatabase(database);
    await testDb.drop();
    await hospital.stop();
    await rm(blobDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
