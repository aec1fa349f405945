import type { EnvelopeCipher } from '@holovitals/encryption';
import type { DataSource } from 'typeorm';
import { EhrError, EhrErrorCode } from '../ehr-error';
import { EhrConnectionEntity } from '../entities/ehr-connection.entity';
import { EhrProviderEntity } from '../entities/ehr-provider.entity';
import { assertUuid } from './ehr-authorization';
import { openClientState } from './connection-state';

/** The caller's connections, newest first. */
export function listEhrConnections(dataSource: DataSource, userId: string): Promise<EhrConnectionEntity[]> {
  return dataSource
    .getRepository(EhrConnectionEntity)
    .find({ where: { userId }, order: { createdAt: 'DESC', id: 'DESC' } });
}

/** A connection the user owns; another user's connection is reported as missing, never as forbidden. */
export async function ownedConnection(
  dataSource: DataSource,
  userId: string,
  connectionId: string,
): Promise<EhrConnectionEntity> {
  assertUuid(connectionId, 'connectionId');
  const connection = await dataSource.getRepository(EhrConnectionEntity).findOneBy({ id: connectionId });
  if (!connection || connection.userId !== userId)
    throw new EhrError(EhrErrorCode.CONNECTION_NOT_FOUND, 'No such EHR connection.');
  return connection;
}

/** RFC 7009 revocation of one token; a provider that is down does not keep the patient connected. */
async function revokeToken(revocationUrl: string, clientId: string, token: string): Promise<boolean> {
  try {
    const response = await fetch(revocationUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, client_id: clientId }),
      signal: AbortSignal.timeout(5000),
      redirect: 'error',
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Disconnects: revokes the refresh and access tokens where the provider has a revocation endpoint, then deletes
 * the connection with its sealed tokens and sync history. Returns whether the provider confirmed revocation.
 */
export async function disconnectEhr(
  dataSource: DataSource,
  cipher: EnvelopeCipher,
  input: { userId: string; connectionId: string },
): Promise<{ revoked: boolean }> {
  const connection = await ownedConnection(dataSource, input.userId, input.connectionId);
  const provider = await dataSource
    .getRepository(EhrProviderEntity)
    .findOneByOrFail({ id: connection.providerId });
  let revoked = false;
  if (provider.revocationUrl) {
    const state = openClientState(cipher, connection.id, connection.sealedState);
    const tokens = [state.tokenResponse?.refresh_token, state.tokenResponse?.access_token].filter(
      (token): token is string => typeof token === 'string' && token.length > 0,
    );
    const results = await Promise.all(
      tokens.map((token) => revokeToken(provider.revocationUrl ?? '', state.clientId ?? '', token)),
    );
    revoked = results.length > 0 && results.every(Boolean);
  }
  await dataSource.getRepository(EhrConnectionEntity).delete({ id: connection.id });
  return { revoked };
}
