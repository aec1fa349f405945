import type { EnvelopeCipher } from '@holovitals/encryption';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EhrError, EhrErrorCode } from '../ehr-error';
import { EhrAuthorizationRequestEntity } from '../entities/ehr-authorization-request.entity';
import { EhrConnectionStatus } from '../entities/ehr-connection-status';
import { EhrConnectionEntity } from '../entities/ehr-connection.entity';
import { EhrProviderEntity } from '../entities/ehr-provider.entity';
import { sealClientState } from './connection-state';
import { requestedScopes } from './requested-scopes';
import { beginSmartLaunch, completeSmartLaunch, type SmartClientState } from './smart-client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const authorizationContext = (state: string): string => `ehr.authorization:${state}`;

export function assertUuid(value: string, name: string): void {
  if (!UUID.test(value)) throw new EhrError(EhrErrorCode.INVALID_ID, `${name} is not a valid id.`);
}

/** The redirect URI must be an http(s) URL on the app's own origin, so a code can never be sent elsewhere. */
export function checkRedirectUri(redirectUri: string, appOrigin: string): string {
  if (!URL.canParse(redirectUri))
    throw new EhrError(EhrErrorCode.REDIRECT_URI_NOT_ALLOWED, 'redirectUri is not a URL.');
  const url = new URL(redirectUri);
  if (url.origin !== appOrigin || url.hash || url.username || url.password)
    throw new EhrError(
      EhrErrorCode.REDIRECT_URI_NOT_ALLOWED,
      `redirectUri must be a page of ${appOrigin} without a fragment or credentials.`,
    );
  return url.href;
}

export interface StartedAuthorization {
  authorizeUrl: string;
  state: string;
}

/**
 * Starts a SMART standalone launch for `userId` at `providerId`: fhirclient builds the authorize URL (PKCE S256,
 * random state); the client state, with its PKCE verifier, is sealed and kept under that state until the callback.
 */
export async function startEhrAuthorization(
  dataSource: DataSource,
  cipher: EnvelopeCipher,
  input: { userId: string; providerId: string; redirectUri: string },
  settings: { appOrigin: string; defaultClientId: string; ttlSeconds: number },
): Promise<StartedAuthorization> {
  assertUuid(input.providerId, 'providerId');
  const redirectUri = checkRedirectUri(input.redirectUri, settings.appOrigin);
  const provider = await dataSource.getRepository(EhrProviderEntity).findOneBy({ id: input.providerId });
  if (!provider) throw new EhrError(EhrErrorCode.PROVIDER_NOT_FOUND, 'No such EHR provider.');
  // A dynamically registered client is held to the redirect URIs it registered; the hospital would refuse others.
  const registered = provider.registeredRedirectUris;
  if (registered.length > 0 && !registered.includes(redirectUri))
    throw new EhrError(
      EhrErrorCode.REDIRECT_URI_NOT_ALLOWED,
      `HoloVitals is registered at this provider for ${registered.join(', ')} only.`,
    );
  const launch = await beginSmartLaunch({
    fhirBaseUrl: provider.fhirBaseUrl,
    clientId: provider.clientId ?? settings.defaultClientId,
    scope: requestedScopes(provider),
    redirectUri,
  }).catch((error: unknown) => {
    throw new EhrError(
      EhrErrorCode.NO_SMART_DISCOVERY,
      `The provider's SMART endpoints could not be used: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  const state = launch.state.key;
  await dataSource.getRepository(EhrAuthorizationRequestEntity).insert({
    state,
    userId: input.userId,
    providerId: provider.id,
    redirectUri,
    sealedState: cipher.encrypt(JSON.stringify(launch.state), authorizationContext(state)),
    expiresAt: new Date(Date.now() + settings.ttlSeconds * 1000),
  });
  return { authorizeUrl: launch.authorizeUrl, state };
}

/**
 * Finishes the launch the patient approved: the state must be one this user started and not yet used (it is
 * deleted whatever happens next, so a replayed callback fails); fhirclient exchanges the code with the PKCE
 * verifier, and the resulting tokens are sealed into the connection (one per user and provider).
 */
export async function completeEhrAuthorization(
  dataSource: DataSource,
  cipher: EnvelopeCipher,
  input: { userId: string; state: string; code: string },
): Promise<EhrConnectionEntity> {
  const pending = await dataSource.transaction(async (manager) => {
    const rows = (await manager.query(
      `DELETE FROM ehr_authorization_request WHERE state = $1 AND user_id = $2
       RETURNING provider_id, sealed_state, expires_at`,
      [input.state, input.userId],
    )) as [{ provider_id: string; sealed_state: string; expires_at: Date }[], number];
    return rows[0][0];
  });
  if (!pending || pending.expires_at.getTime() < Date.now())
    throw new EhrError(
      EhrErrorCode.INVALID_STATE,
      'This authorization is unknown, already used or expired; connect again.',
    );
  if (!input.code.trim())
    throw new EhrError(EhrErrorCode.AUTHORIZATION_REFUSED, 'The provider sent no authorization code.');
  const launchState = JSON.parse(
    cipher.decryptString(pending.sealed_state, authorizationContext(input.state)),
  ) as SmartClientState;
  const client = await completeSmartLaunch({ state: launchState, code: input.code }).catch(
    (error: unknown) => {
      throw new EhrError(
        EhrErrorCode.AUTHORIZATION_REFUSED,
        `The provider refused the authorization: ${error instanceof Error ? error.message : String(error)}`,
      );
    },
  );
  const tokens = client.state.tokenResponse ?? {};
  const repository = dataSource.getRepository(EhrConnectionEntity);
  const existing = await repository.findOneBy({ userId: input.userId, providerId: pending.provider_id });
  const id = existing?.id ?? randomUUID();
  const values = {
    status: EhrConnectionStatus.ACTIVE,
    fhirPatientId: typeof tokens.patient === 'string' ? tokens.patient : null,
    scopesGranted: String(tokens.scope ?? '')
      .split(/\s+/)
      .filter(Boolean),
    sealedState: sealClientState(cipher, id, {
      ...client.state,
      key: launchState.key,
      redirectUri: launchState.redirectUri,
    }),
    tokenExpiresAt: client.state.expiresAt ? new Date(client.state.expiresAt * 1000) : null,
    lastError: null,
  };
  if (existing) await repository.update({ id }, values);
  else await repository.insert({ id, userId: input.userId, providerId: pending.provider_id, ...values });
  return repository.findOneByOrFail({ id });
}
