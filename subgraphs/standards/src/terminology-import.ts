import 'reflect-metadata';
import { ConfigError, databaseSettings, loadConfig, redisSettings } from '@holovitals/config';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { invalidateTerminologyCache } from './cache/terminology-cache';
import { standardsConfig } from './config';
import { importTerminology } from './importers/terminology-import-run';
import { RELEASE_READERS } from './importers/release-readers';
import { standardsMigrations } from './migrations/standards-migrations';
import { parseCodeSystem } from './vocabulary/code-system';

const USAGE = `usage: terminology-import --system <loinc|snomed|icd10cm|cpt> --file <path> [--restart] [--batch <n>]
  loinc    Loinc.csv from the LOINC table release
  snomed   sct2_Concept_Snapshot_*.txt, then sct2_Description_Snapshot-en_*.txt (run once per file)
  icd10cm  icd10cm-order-YYYY.txt from the CDC
  cpt      CSV of code + descriptor exported from your AMA CPT licence
Reads DATABASE_URL (the standards database); runs pending standards migrations first. After a run that wrote
concepts it starts a new generation of the standards Redis cache (REDIS_URL, STANDARDS_CACHE_PREFIX as the subgraph
uses them), so no lookup cached before the import is served again.`;

/** The same settings the standards subgraph reads, parsed once; a bad one comes back as the error naming it. */
function readImportConfig() {
  try {
    return loadConfig(
      'terminology-import',
      {
        ...databaseSettings,
        ...redisSettings,
        STANDARDS_CACHE_PREFIX: standardsConfig.STANDARDS_CACHE_PREFIX,
      },
      process.env,
    );
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      system: { type: 'string' },
      file: { type: 'string' },
      restart: { type: 'boolean', default: false },
      batch: { type: 'string' },
    },
  });
  const system = values.system ? parseCodeSystem(values.system) : null;
  const read = system ? RELEASE_READERS[system] : undefined;
  const batchSize = values.batch ? Number(values.batch) : undefined;
  if (!system || !read || !values.file || (batchSize !== undefined && !(batchSize > 0))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = readImportConfig();
  if (config instanceof ConfigError) {
    process.stderr.write(`${USAGE}\n${config.message}\n`);
    return 2;
  }
  const { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, STANDARDS_CACHE_PREFIX: cachePrefix } = config;
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations: standardsMigrations,
  });
  await dataSource.initialize();
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\nstopping after the current batch; run again to resume\n');
    controller.abort();
  });
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const started = Date.now();
    const result = await importTerminology({
      dataSource,
      system,
      file: values.file,
      read,
      restart: values.restart,
      signal: controller.signal,
      invalidateCache: async () => {
        const generation = await invalidateTerminologyCache(redis, cachePrefix).catch((error: unknown) => {
          throw new Error(
            `concepts were written, but the standards cache (${redisUrl}) could not be invalidated: ` +
              `${error instanceof Error ? error.message : String(error)}; run INCR ${cachePrefix}generation ` +
              'in redis-cli, or cached lookups stay up to 24 h old',
          );
        });
        process.stderr.write(`\nstandards cache ${cachePrefix}* moved to generation ${generation}`);
      },
      ...(batchSize ? { batchSize } : {}),
      onProgress: (progress) => {
        const seconds = (Date.now() - started) / 1000;
        const rate = Math.round(progress.conceptsWritten / Math.max(seconds, 0.001));
        process.stderr.write(
          `\r${system}: ${progress.recordsDone} records read, ${progress.conceptsWritten} written (${rate}/s)`,
        );
      },
    });
    process.stderr.write('\n');
    // Fresh statistics for the planner after a bulk load (VACUUM cannot run inside a transaction, so not in the run).
    if (result.conceptsWritten > 0) await dataSource.query('VACUUM (ANALYZE) code_concept');
    if (result.alreadyComplete) {
      process.stdout.write(
        `${result.source} was already imported completely; use --restart to import it again\n`,
      );
    } else {
      const resumed = result.resumedFrom > 0 ? ` (resumed after record ${result.resumedFrom})` : '';
      const state = result.completed ? 'imported' : 'stopped';
      process.stdout.write(
        `${state} ${result.conceptsWritten} ${system} concepts from ${values.file}${resumed}\n`,
      );
    }
    return 0;
  } finally {
    redis.disconnect();
    await dataSource.destroy();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `terminology import failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
