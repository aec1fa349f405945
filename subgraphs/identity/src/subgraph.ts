import { sendJson, type RouteHandler } from '@holovitals/http-server';
import { defineSubgraph } from '@holovitals/subgraph-kit';
import { identityConfig } from './config';
import { AccountEntity } from './entities/account.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { ServiceClientEntity } from './entities/service-client.entity';
import { SessionEntity } from './entities/session.entity';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { UserEntity } from './entities/user.entity';
import { VerificationTokenEntity } from './entities/verification-token.entity';
import { CreateIdentity1764072000000 } from './migrations/1764072000000-create-identity';
import { IndexRevocations1764547200000 } from './migrations/1764547200000-index-revocations';
import { resolveUserReference } from './references/user.reference';
import { AuthResolver } from './resolvers/auth.resolver';
import { mapIdentityError } from './resolvers/identity-error-mapping';
import { ServiceClientResolver } from './resolvers/service-client.resolver';
import { SessionResolver } from './resolvers/session.resolver';
import { UserResolver } from './resolvers/user.resolver';
import {
  closeIdentityServices,
  createIdentityServices,
  type IdentityServices,
} from './services/identity-services';

function jwksRoute(services: IdentityServices): RouteHandler {
  return async (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=300');
    sendJson(res, 200, await services.keys.jwks());
  };
}

export const identitySubgraph = defineSubgraph({
  name: 'identity',
  config: identityConfig,
  resolvers: [AuthResolver, UserResolver, SessionResolver, ServiceClientResolver],
  references: { User: resolveUserReference },
  mapError: mapIdentityError,
  entities: [
    UserEntity,
    AccountEntity,
    SessionEntity,
    RefreshTokenEntity,
    VerificationTokenEntity,
    ServiceClientEntity,
    SigningKeyEntity,
  ],
  migrations: [CreateIdentity1764072000000, IndexRevocations1764547200000],
  services: createIdentityServices,
  closeServices: closeIdentityServices,
  routes: (_runtime, services) => ({ 'GET /.well-known/jwks.json': jwksRoute(services) }),
});
