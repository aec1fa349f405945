import type { DataSource } from 'typeorm';
import { EhrError, EhrErrorCode } from '../ehr-error';
import { SyncRunEntity } from '../entities/sync-run.entity';

export interface SyncRunPage {
  runs: SyncRunEntity[];
  /** Pass back as `after` for the next page; null on the last page. */
  endCursor: string | null;
}

const encodeCursor = (run: SyncRunEntity): string =>
  Buffer.from(JSON.stringify([run.startedAt.toISOString(), run.id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string'))
      return [value[0] as string, value[1] as string];
  } catch {
    // Falls through to the typed error below.
  }
  throw new EhrError(EhrErrorCode.INVALID_CURSOR, 'after is not a cursor this query returned.');
}

/** A connection's runs, newest first, keyset-paginated on (startedAt, id). */
export async function syncHistory(
  dataSource: DataSource,
  connectionId: string,
  first: number,
  after: string | null,
): Promise<SyncRunPage> {
  const query = dataSource
    .getRepository(SyncRunEntity)
    .createQueryBuilder('run')
    .where('run.connectionId = :connectionId', { connectionId });
  if (after) {
    const [startedAt, id] = decodeCursor(after);
    query.andWhere('(run.startedAt, run.id) < (:startedAt, :id)', { startedAt, id });
  }
  const rows = await query
    .orderBy('run.startedAt', 'DESC')
    .addOrderBy('run.id', 'DESC')
    .limit(first + 1)
    .getMany();
  const runs = rows.slice(0, first);
  const last = runs.at(-1);
  return { runs, endCursor: rows.length > first && last ? encodeCursor(last) : null };
}
