import { type EnvelopeCipher, isEnvelope } from './envelope-cipher';

/** Runs one parameterised SQL statement and returns its rows (TypeORM's `DataSource.query` fits). */
export type SqlQuery = (sql: string, parameters: unknown[]) => Promise<Array<Record<string, unknown>>>;

export interface ReEncryptionTarget {
  table: string;
  idColumn: string;
  valueColumn: string;
  /** The associated data each row's value was sealed with, from its id. */
  context: (id: string) => string;
  /** Reads a value written before envelope encryption (old format), so it can be migrated. */
  decryptLegacy?: (value: string, id: string) => Buffer;
}

export interface ReEncryptionProgress {
  reEncrypted: number;
  /** Rows changed by someone else between read and write; they were left as written. */
  skipped: number;
  /** Rows no configured key decrypts (reported through `onUnreadable`, left as they are). */
  unreadable: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function quoted(identifier: string): string {
  if (!IDENTIFIER.test(identifier)) throw new Error(`Not a plain SQL identifier: ${identifier}`);
  return `"${identifier}"`;
}

/**
 * Re-seals every value of one column that is not under the active master key, in id order and in
 * batches, so a worker job can run it after a rotation (and report progress). Each update only
 * applies when the row still holds the value that was read, so concurrent writes win.
 */
export async function reEncryptColumn(
  query: SqlQuery,
  cipher: EnvelopeCipher,
  target: ReEncryptionTarget,
  options: {
    batchSize?: number;
    onBatch?: (progress: ReEncryptionProgress) => Promise<void> | void;
    /** Without it an undecryptable row stops the run; with it the row is reported and skipped. */
    onUnreadable?: (id: string, error: unknown) => void;
  } = {},
): Promise<ReEncryptionProgress> {
  const table = quoted(target.table);
  const id = quoted(target.idColumn);
  const value = quoted(target.valueColumn);
  const activePrefix = `hve1.${cipher.activeKeyId}.`;
  const progress: ReEncryptionProgress = { reEncrypted: 0, skipped: 0, unreadable: 0 };
  let cursor: string | null = null;
  for (;;) {
    const rows = await query(
      `SELECT ${id}::text AS id, ${value} AS value FROM ${table}
        WHERE ($1::text IS NULL OR ${id}::text > $1) AND left(${value}, $2) <> $3
        ORDER BY ${id}::text LIMIT $4`,
      [cursor, activePrefix.length, activePrefix, options.batchSize ?? 100],
    );
    if (rows.length === 0) return progress;
    for (const row of rows) {
      const rowId = String(row.id);
      const old = String(row.value);
      const context = target.context(rowId);
      let plaintext: Buffer;
      try {
        plaintext =
          isEnvelope(old) || !target.decryptLegacy
            ? cipher.decrypt(old, context)
            : target.decryptLegacy(old, rowId);
      } catch (error) {
        if (!options.onUnreadable) throw error;
        options.onUnreadable(rowId, error);
        progress.unreadable += 1;
        continue;
      }
      const updated = await query(
        // A CTE so drivers that return [rows, count] for a bare UPDATE hand back plain rows here too.
        `WITH changed AS (UPDATE ${table} SET ${value} = $1 WHERE ${id}::text = $2 AND ${value} = $3 RETURNING 1)
         SELECT 1 FROM changed`,
        [cipher.encrypt(plaintext, context), rowId, old],
      );
      if (updated.length > 0) progress.reEncrypted += 1;
      else progress.skipped += 1;
    }
    cursor = String(rows[rows.length - 1]?.id);
    await options.onBatch?.({ ...progress });
  }
}

/**
 * The body of a re-encryption worker job: counts the rows to move, re-encrypts them in batches and
 * reports percent done through `progress` (a job's `progress`).
 */
export async function runReEncryptionJob(
  query: SqlQuery,
  cipher: EnvelopeCipher,
  target: ReEncryptionTarget,
  progress: (percent: number) => Promise<void>,
  batchSize = 100,
): Promise<ReEncryptionProgress> {
  const activePrefix = `hve1.${cipher.activeKeyId}.`;
  const [counted] = await query(
    `SELECT count(*)::int AS remaining FROM ${quoted(target.table)} WHERE left(${quoted(target.valueColumn)}, $1) <> $2`,
    [activePrefix.length, activePrefix],
  );
  const total = Number(counted?.remaining ?? 0);
  const result = await reEncryptColumn(query, cipher, target, {
    batchSize,
    onBatch: (done) =>
      progress(Math.floor((100 * (done.reEncrypted + done.skipped + done.unreadable)) / Math.max(total, 1))),
  });
  await progress(100);
  return result;
}
