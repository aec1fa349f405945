import { AnalysisError, AnalysisErrorCode } from './analysis-error';

/** `<created_at ISO>|<id>`, base64url: a row's keyset position in newest-first order (tasks, chat sessions). */
export const keysetCursor = (row: { createdAt: Date; id: string }): string =>
  Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');

/** The position a cursor names; a string this service did not hand out is BAD_USER_INPUT on `after`. */
export function parseKeysetCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) {
    throw new AnalysisError(AnalysisErrorCode.BAD_USER_INPUT, 'after is not a cursor from this list.', {
      field: 'after',
    });
  }
  return { createdAt, id };
}
