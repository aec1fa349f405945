import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DataSource } from 'typeorm';
import type { CodeSystem } from '../vocabulary/code-system';
import { upsertConcepts } from '../vocabulary/concept-writer';
import type { ImportRecord, ReleaseReader } from './import-record';

export interface ImportProgress {
  source: string;
  /** Records (lines or rows) consumed so far, including those done by earlier runs. */
  recordsDone: number;
  /** Concepts written by this run. */
  conceptsWritten: number;
  resumedFrom: number;
}

export interface ImportOptions {
  dataSource: DataSource;
  system: CodeSystem;
  file: string;
  read: ReleaseReader;
  batchSize?: number;
  /** Start again from the first record even if a checkpoint (or a completed import) exists. */
  restart?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Stops after the batch in flight; the checkpoint lets the next run resume there. */
  signal?: AbortSignal;
  /**
   * Called once after a run that wrote concepts, also when it stopped or failed after committing batches, so no
   * lookup cached before the import outlives it (the CLI passes invalidateTerminologyCache).
   */
  invalidateCache?: () => Promise<unknown>;
}

export interface ImportResult extends ImportProgress {
  completed: boolean;
  alreadyComplete: boolean;
}

const DEFAULT_BATCH = 2000;

/** A checkpoint belongs to one file: the same name and size. */
async function sourceKey(system: CodeSystem, file: string): Promise<string> {
  const { size } = await stat(file);
  return `${system}:${basename(file)}:${size}`;
}

/**
 * Streams a release file into code_concept in batches. Each batch and its checkpoint commit in one transaction, so
 * a run stopped at any point resumes after the last committed batch; upserts make any overlap harmless.
 */
export async function importTerminology(options: ImportOptions): Promise<ImportResult> {
  const progress: ImportProgress = { source: '', recordsDone: 0, conceptsWritten: 0, resumedFrom: 0 };
  let result: ImportResult;
  try {
    result = await runImport(options, progress);
  } catch (importError) {
    if (progress.conceptsWritten > 0 && options.invalidateCache) {
      try {
        await options.invalidateCache();
      } catch (cacheError) {
        throw new AggregateError([importError, cacheError], 'import and cache invalidation both failed');
      }
    }
    throw importError;
  }
  if (result.conceptsWritten > 0) await options.invalidateCache?.();
  return result;
}

async function runImport(options: ImportOptions, progress: ImportProgress): Promise<ImportResult> {
  const { dataSource, system, file, read } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const source = await sourceKey(system, file);
  if (options.restart)
    await dataSource.query(`DELETE FROM terminology_import_checkpoint WHERE source = $1`, [source]);
  const [checkpoint] = (await dataSource.query(
    `SELECT records_done::int AS "recordsDone", completed_at AS "completedAt" FROM terminology_import_checkpoint WHERE source = $1`,
    [source],
  )) as { recordsDone: number; completedAt: Date | null }[];
  const resumedFrom = checkpoint?.recordsDone ?? 0;
  Object.assign(progress, { source, recordsDone: resumedFrom, resumedFrom });
  if (checkpoint?.completedAt) return { ...progress, completed: true, alreadyComplete: true };

  let position = 0;
  let batch: ImportRecord[] = [];
  const flush = async (completed: boolean): Promise<void> => {
    await dataSource.transaction(async (manager) => {
      for (const mode of new Set(batch.map((record) => record.mode))) {
        const concepts = batch.filter((record) => record.mode === mode).map((record) => record.concept);
        await upsertConcepts(manager, concepts, mode);
      }
      await manager.query(
        `INSERT INTO terminology_import_checkpoint (source, system, records_done, completed_at, updated_at)
         VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END, now())
         ON CONFLICT (source) DO UPDATE SET records_done = EXCLUDED.records_done,
           completed_at = EXCLUDED.completed_at, updated_at = now()`,
        [source, system, position, completed],
      );
    });
    progress.conceptsWritten += batch.length;
    progress.recordsDone = position;
    batch = [];
    options.onProgress?.({ ...progress });
  };

  for await (const record of read(file)) {
    position += 1;
    if (position <= resumedFrom) continue;
    if (record) batch.push(record);
    if (batch.length >= batchSize) {
      await flush(false);
      if (options.signal?.aborted) return { ...progress, completed: false, alreadyComplete: false };
    }
  }
  await flush(true);
  return { ...progress, completed: true, alreadyComplete: false };
}
