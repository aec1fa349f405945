import { accessFacts } from '@holovitals/consent-projection';
import { hasRole, type Principal, Role } from '@holovitals/subgraph-kit';
import type { DataSource } from 'typeorm';
import { ANALYSES_SCOPE } from '../access/analyses-access';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import { AnalysisSessionEntity } from '../entities/analysis-session.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SessionUse = 'read' | 'ask';

async function mayUse(
  dataSource: DataSource,
  principal: Principal,
  session: AnalysisSessionEntity,
  use: SessionUse,
): Promise<boolean> {
  if (session.ownerUserId === principal.id) return true;
  if (use === 'ask') return false;
  if (hasRole(principal, Role.ADMIN)) return true;
  if (!UUID.test(principal.id)) return false;
  const facts = await accessFacts(dataSource, principal.id, [session.patientId], ANALYSES_SCOPE);
  return facts.get(session.patientId)?.consented ?? false;
}

/**
 * The session if the principal may use it: its owner reads and asks; ADMIN and a grantee holding an active
 * READ_ANALYSES consent for the session's patient (local consent projection) read. Anyone else gets NOT_FOUND,
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
  if (!session || !(await mayUse(dataSource, principal, session, use))) {
    throw new AnalysisError(AnalysisErrorCode.SESSION_NOT_FOUND, `No analysis session ${id}.`, { id });
  }
  return session;
}
