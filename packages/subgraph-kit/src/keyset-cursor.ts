import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError, ErrorCode } from './domain-error';

/** Where a row sits in a list ordered by a timestamp, then by its id to break ties. */
export interface KeysetPosition {
  at: Date;
  id: string;
}

/** The SQL of a list's two order keys, e.g. `{ at: 'task.created_at', id: 'task.id' }`. */
export interface KeysetKeys {
  at: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `<at ISO>|<id>`, base64url: opaque to clients, the same in every subgraph. */
export function keysetCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

// ehr and documents handed out `["<at ISO>","<id>"]` before their lists moved here; a client paging across
// that deploy still holds one.
function cursorParts(text: string): unknown[] {
  if (!text.startsWith('[')) return text.split('|');
  try {
    const parts = JSON.parse(text) as unknown;
    return Array.isArray(parts) ? parts : [];
  } catch {
    return [];
  }
}

/**
 * The position a cursor names. Anything this kit did not hand out is BAD_USER_INPUT on `after`, before it
 * reaches SQL: the id must be a uuid and the time exactly the ISO form the cursor was made with.
 */
export function parseKeysetCursor(cursor: string): KeysetPosition {
  const parts = cursorParts(Buffer.from(cursor, 'base64url').toString('utf8'));
  const [at, id] = parts;
  const time = typeof at === 'string' ? new Date(at) : null;
  if (
    parts.length !== 2 ||
    typeof id !== 'string' ||
    !UUID.test(id) ||
    time === null ||
    Number.isNaN(time.getTime()) ||
    time.toISOString() !== at
  ) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'after is not a cursor this list returned.', {
      reason: 'INVALID_CURSOR',
      field: 'after',
    });
  }
  return { at: time, id };
}

/**
 * Orders `query` by (keys.at, keys.id) in `order`, starts it after the `after` cursor and loads `first + 1` rows
 * (the extra one says whether another page follows; see toConnection). The time is compared at millisecond
 * precision, the precision of a cursor: PostgreSQL keeps microseconds, so rows written in one transaction share
 * a `now()` a cursor could not tell apart from the milliseconds around it, and paging would skip them.
 */
export function keysetPage<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  keys: KeysetKeys,
  order: 'ASC' | 'DESC',
  first: number,
  after: string | null | undefined,
): SelectQueryBuilder<T> {
  const at = `date_trunc('milliseconds', ${keys.at})`;
  if (after) {
    const position = parseKeysetCursor(after);
    query.andWhere(`(${at}, ${keys.id}) ${order === 'DESC' ? '<' : '>'} (:keysetAt, :keysetId)`, {
      keysetAt: position.at,
      keysetId: position.id,
    });
  }
  return query
    .orderBy(at, order)
    .addOrderBy(keys.id, order)
    .limit(first + 1);
}
