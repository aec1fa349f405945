import { keysetPage } from '@holovitals/subgraph-kit';
import type { DataSource } from 'typeorm';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import { AnalysisSessionEntity } from '../entities/analysis-session.entity';

export const MAX_SESSION_PAGE = 100;

/** The user's own sessions, newest first: one keyset page plus one row telling whether more follow. */
export async function listSessions(
  dataSource: DataSource,
  ownerUserId: string,
  first: number,
  after: string | null,
): Promise<AnalysisSessionEntity[]> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_SESSION_PAGE) {
    throw new AnalysisError(
      AnalysisErrorCode.BAD_USER_INPUT,
      `first must be between 1 and ${MAX_SESSION_PAGE}.`,
      { field: 'first' },
    );
  }
  const query = dataSource
    .getRepository(AnalysisSessionEntity)
    .createQueryBuilder('session')
    .where('session.owner_user_id = :ownerUserId', { ownerUserId });
  return keysetPage(query, { at: 'session.created_at', id: 'session.id' }, 'DESC', first, after).getMany();
}
