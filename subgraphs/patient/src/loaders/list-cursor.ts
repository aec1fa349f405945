import { isUuid } from '../access/uuid-arguments';
import { PatientError, PatientErrorCode } from '../patient-error';

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
    // The id goes into SQL as a uuid: a forged cursor with anything else is refused here, not by PostgreSQL.
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && isUuid(parsed[1])) {
      return { sortValue: parsed[0], id: parsed[1] };
    }
  } catch {
    // Falls through to the error below: a cursor that is not our JSON is as invalid as a wrong shape.
  }
  throw new PatientError(
    PatientErrorCode.INVALID_CURSOR,
    'Invalid cursor: pass back an endCursor or cursor from a page.',
  );
}
