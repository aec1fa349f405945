import { type RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { completeEhrAuthorization, startEhrAuthorization } from '../connections/ehr-authorization';
import { disconnectEhr, listEhrConnections, ownedConnection } from '../connections/ehr-connections';
import type { EhrServices } from '../ehr-services';
import { EhrConnectionEntity } from '../entities/ehr-connection.entity';
import { EhrProviderEntity } from '../entities/ehr-provider.entity';
import { ehrProviderLoader } from '../loaders/ehr-provider.loader';
import { latestSyncRunLoader } from '../loaders/latest-sync-run.loader';
import { SyncRunEntity } from '../entities/sync-run.entity';
import { requirePatient } from './require-patient';
import { EhrAuthorization } from './types/ehr-authorization.type';
import { EhrDisconnection } from './types/ehr-disconnection.type';

@Resolver(() => EhrConnectionEntity)
export class EhrConnectionResolver {
  @Query(() => [EhrConnectionEntity], { description: 'The caller’s connected EHR providers, newest first.' })
  async ehrConnections(@Ctx() ctx: RequestContext<EhrServices>): Promise<EhrConnectionEntity[]> {
    return listEhrConnections(ctx.dataSource, requirePatient(ctx));
  }

  @Query(() => EhrConnectionEntity, {
    description: 'One of the caller’s connections (what `ehrSyncProgress` reads on each step).',
  })
  async ehrConnection(
    @Arg('id', () => ID, { description: 'The connection.' }) id: string,
    @Ctx() ctx: RequestContext<EhrServices>,
  ): Promise<EhrConnectionEntity> {
    return ownedConnection(ctx.dataSource, requirePatient(ctx), id);
  }

  @FieldResolver(() => SyncRunEntity, {
    nullable: true,
    description: 'The newest sync run (queued, running or finished): its phase, resource type and counts.',
  })
  async latestSync(
    @Root() connection: EhrConnectionEntity,
    @Ctx() ctx: RequestContext<EhrServices>,
  ): Promise<SyncRunEntity | null> {
    return latestSyncRunLoader(ctx).load(connection.id);
  }

  @FieldResolver(() => EhrProviderEntity, { description: 'The provider this connection reaches.' })
  async provider(
    @Root() connection: EhrConnectionEntity,
    @Ctx() ctx: RequestContext<EhrServices>,
  ): Promise<EhrProviderEntity | null> {
    return ehrProviderLoader(ctx).load(connection.providerId);
  }

  @Mutation(() => EhrAuthorization, {
    description:
      'Starts connecting a provider: returns the authorize URL to open (SMART standalone launch with PKCE) and its state.',
  })
  async connectEhr(
    @Arg('providerId', () => ID, { description: 'The provider to connect (from ehrProviders).' })
    providerId: string,
    @Arg('redirectUri', () => String, {
      description: 'Where the provider sends the patient back; must be a page of the HoloVitals web app.',
    })
    redirectUri: string,
    @Ctx() ctx: RequestContext<EhrServices>,
  ): Promise<EhrAuthorization> {
    const { config, cipher } = ctx.services;
    return startEhrAuthorization(
      ctx.dataSource,
      cipher,
      { userId: requirePatient(ctx), providerId, redirectUri },
      {
        appOrigin: config.EHR_APP_ORIGIN,
        defaultClientId: config.EHR_DEFAULT_CLIENT_ID,
        ttlSeconds: config.EHR_AUTHORIZATION_TTL_SECONDS,
      },
    );
  }

  @Mutation(() => EhrConnectionEntity, {
    description:
      'Finishes connecting: exchanges the code the provider sent back for tokens (stored encrypted).',
  })
  async completeEhrConnection(
    @Arg('state', () => String, { description: 'The state the provider sent back (from connectEhr).' })
    state: string,
    @Arg('code', () => String, { description: 'The authorization code the provider sent back.' })
    code: string,
    @Ctx() ctx: RequestContext<EhrServices>,
  ): Promise<EhrConnectionEntity> {
    return completeEhrAuthorization(ctx.dataSource, ctx.services.cipher, {
      userId: requirePatient(ctx),
      state,
      code,
    });
  }

  @Mutation(() => EhrDisconnection, {
    description:
      'Disconnects a provider: revokes its tokens where it can, deletes them and the sync history.',
  })
  async disconnectEhr(
    @Arg('connectionId', () => ID, { description: 'The connection to remove.' }) connectionId: string,
    @Ctx() ctx: RequestContext<EhrServices>,
  ): Promise<EhrDisconnection> {
    const { revoked } = await disconnectEhr(ctx.dataSource, ctx.services.cipher, {
      userId: requirePatient(ctx),
      connectionId,
    });
    return { connectionId, tokensRevoked: revoked };
  }
}
