import { requireRole, Role, type RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ServiceClientEntity } from '../entities/service-client.entity';
import type { IdentityServices } from '../services/identity-services';
import {
  createServiceClient,
  exchangeClientCredentials,
  revokeServiceClient,
} from '../services/service-clients';
import {
  CreateServiceClientInput,
  ServiceClientCredentials,
  ServiceToken,
} from './types/service-client.types';

@Resolver(() => ServiceClientEntity)
export class ServiceClientResolver {
  @Authorized(Role.ADMIN)
  @Query(() => [ServiceClientEntity], { description: 'All partner clients (ADMIN).' })
  serviceClients(@Ctx() ctx: RequestContext<IdentityServices>): Promise<ServiceClientEntity[]> {
    return ctx.dataSource.getRepository(ServiceClientEntity).find({ order: { createdAt: 'DESC' } });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ServiceClientCredentials, {
    description: 'Creates partner credentials (ADMIN). The secret is returned once.',
  })
  createServiceClient(
    @Arg('input', () => CreateServiceClientInput) input: CreateServiceClientInput,
    @Ctx() ctx: RequestContext<IdentityServices>,
  ): Promise<ServiceClientCredentials> {
    const admin = requireRole(ctx, Role.ADMIN);
    return createServiceClient(ctx, admin.id, input.name, input.scopes);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ServiceClientEntity, {
    description:
      'Revokes partner credentials (ADMIN); new token exchanges fail and its live tokens stop working.',
  })
  revokeServiceClient(
    @Arg('id', () => ID, { description: 'Service client id.' }) id: string,
    @Ctx() ctx: RequestContext<IdentityServices>,
  ): Promise<ServiceClientEntity> {
    return revokeServiceClient(ctx, id);
  }

  @Mutation(() => ServiceToken, {
    description: 'Client-credentials exchange: partner credentials for a scoped access token.',
  })
  exchangeClientCredentials(
    @Arg('clientId', { description: 'Public client id.' }) clientId: string,
    @Arg('clientSecret', { description: 'Client secret.' }) clientSecret: string,
    @Arg('scopes', () => [String], {
      nullable: true,
      description: 'Subset of granted scopes; all granted when omitted.',
    })
    scopes: string[] | null,
    @Ctx() ctx: RequestContext<IdentityServices>,
  ): Promise<ServiceToken> {
    return exchangeClientCredentials(ctx, clientId, clientSecret, scopes);
  }
}
