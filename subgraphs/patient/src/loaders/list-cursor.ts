import { DomainError, ErrorCode } from '@holovitals/subgraph-kit';

/** Position in a date-sorted list: the (null-filled) sort value and the row id that breaks ties. */
export interface ListPosition {
  sortValue: string;
  id: string;
}

export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify([position.sortValue, position.id])).toString('base64url');
}

/** Reads a cursor a previous page returned; anything else is the caller's mistake. */
export function decodeCursor(cursor: string): ListPosition {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { sortValue: parsed[0], id: parsed[1] };
    }
  } catch {
    // Falls through to the error below: a cursor that is not our JSON is as invalid as a wrong shape.
  }
  throw new DomainError(
    ErrorCode.BAD_USER_INPUT,
    'Invalid cursor: pass back an endCursor or cursor from a page.',
  );
}
