import { hasRole, type Principal, Role } from '@holovitals/subgraph-kit';
import type { DataSource } from 'typeorm';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import { AnalysisSessionEntity } from '../entities/analysis-session.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SessionUse = 'read' | 'ask';

/**
 * The session if the principal may use it: its owner reads and asks; ADMIN reads. Anyone else gets NOT_FOUND,
 * so session ids reveal nothing.
 */
export async function visibleSession(
  dataSource: DataSource,
  principal: Principal,
  id: string,
  use: SessionUse,
): Promise<AnalysisSessionEntity> {
  const session = UUID.test(id)
    ? await dataSource.getRepository(AnalysisSessionEntity).findOneBy({ id })
    : null;
  const allowed =
    session !== null &&
    (session.ownerUserId === principal.id || (use === 'read' && hasRole(principal, Role.ADMIN)));
  if (!session || !allowed) {
    throw new AnalysisError(AnalysisErrorCode.SESSION_NOT_FOUND, `No analysis session ${id}.`, { id });
  }
  return session;
}
