import { Role, type RequestContext } from '@holovitals/subgraph-kit';
import { randomBytes } from 'node:crypto';
import { ServiceClientEntity } from '../entities/service-client.entity';
import { IdentityError, IdentityErrorCode } from '../identity-error';
import { issueAccessToken } from './access-tokens';
import type { IdentityServices } from './identity-services';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './passwords';
import { announceRevocations } from './revocation-announcement';
import { randomToken } from './secret-token';

/** Scopes a partner may hold; each subgraph checks the ones its data needs. */
export const PARTNER_SCOPES = [
  'patient.read',
  'observation.read',
  'terminology.read',
  'analysis.read',
] as const;

export async function createServiceClient(
  ctx: RequestContext<IdentityServices>,
  adminId: string,
  name: string,
  scopes: string[],
): Promise<{ client: ServiceClientEntity; clientSecret: string }> {
  const clientSecret = randomToken();
  const client = await ctx.dataSource.getRepository(ServiceClientEntity).save({
    name,
    clientId: `hvc_${randomBytes(12).toString('hex')}`,
    secretHash: await hashPassword(clientSecret),
    scopes: [...new Set(scopes)],
    createdBy: adminId,
    revokedAt: null,
  });
  return { client, clientSecret };
}

const invalidClient = (): IdentityError =>
  new IdentityError(IdentityErrorCode.INVALID_CLIENT, 'Client credentials are invalid.');

/** Revokes partner credentials: no new token exchanges, and the client's live tokens stop working. */
export async function revokeServiceClient(
  ctx: RequestContext<IdentityServices>,
  id: string,
): Promise<ServiceClientEntity> {
  const repository = ctx.dataSource.getRepository(ServiceClientEntity);
  const client = await repository.findOneBy({ id });
  if (!client) {
    throw new IdentityError(IdentityErrorCode.SERVICE_CLIENT_NOT_FOUND, 'No such service client.', { id });
  }
  client.revokedAt ??= new Date();
  const saved = await repository.save(client);
  await announceRevocations(
    ctx.redis,
    ctx.logger,
    { serviceClientIds: [client.id] },
    ctx.services.config.ACCESS_TOKEN_TTL_SECONDS,
  );
  return saved;
}

/** OAuth 2.0 client-credentials exchange: a short-lived PARTNER token limited to the granted scopes. */
export async function exchangeClientCredentials(
  ctx: RequestContext<IdentityServices>,
  clientId: string,
  clientSecret: string,
  requestedScopes: string[] | null,
): Promise<{ accessToken: string; expiresAt: Date; scopes: string[] }> {
  const client = await ctx.dataSource.getRepository(ServiceClientEntity).findOneBy({ clientId });
  if (!client || client.revokedAt) {
    await verifyAgainstDecoy(clientSecret);
    throw invalidClient();
  }
  if (!(await verifyPassword(client.secretHash, clientSecret))) throw invalidClient();
  const scopes = requestedScopes ?? client.scopes;
  const notGranted = scopes.filter((scope) => !client.scopes.includes(scope));
  if (notGranted.length > 0) {
    throw new IdentityError(
      IdentityErrorCode.INVALID_SCOPE,
      `Scopes not granted to this client: ${notGranted.join(', ')}.`,
    );
  }
  const issued = await issueAccessToken(ctx.services.keys, ctx.services.tokens, {
    subject: client.id,
    typ: 'service',
    roles: [Role.PARTNER],
    scope: scopes.join(' '),
  });
  return { accessToken: issued.token, expiresAt: issued.expiresAt, scopes };
}
