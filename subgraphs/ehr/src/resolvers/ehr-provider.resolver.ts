import { type RequestContext, requireUser } from '@holovitals/subgraph-kit';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { EhrServices } from '../ehr-services';
import { EhrProviderEntity } from '../entities/ehr-provider.entity';
import { addEhrProvider, searchEhrProviders } from '../providers/ehr-provider-directory';
import { isTrustedOrigin } from '../providers/network-guard';

@Resolver(() => EhrProviderEntity)
export class EhrProviderResolver {
  @Query(() => [EhrProviderEntity], { description: 'Providers a patient can connect, by name; at most 50.' })
  async ehrProviders(
    @Arg('search', () => String, { nullable: true, description: 'Part of the name or FHIR base URL.' })
    search: string | null,
    @Ctx() ctx: RequestContext<EhrServices>,
  ): Promise<EhrProviderEntity[]> {
    requireUser(ctx);
    return searchEhrProviders(ctx.dataSource, search);
  }

  @Mutation(() => EhrProviderEntity, {
    description:
      'Adds any SMART on FHIR R4 server by its base URL (discovery required; without a clientId, dynamic client registration where offered; the same URL returns the existing provider).',
  })
  async addEhrProvider(
    @Arg('fhirBaseUrl', () => String, {
      description: 'The FHIR R4 base URL, e.g. https://fhir.example.org/r4.',
    })
    fhirBaseUrl: string,
    @Arg('name', () => String, {
      nullable: true,
      description: 'Display name; the server’s software name when omitted.',
    })
    name: string | null,
    @Arg('clientId', () => String, {
      nullable: true,
      description:
        'The client id HoloVitals is registered under there; when omitted, HoloVitals registers itself where the server offers dynamic client registration.',
    })
    clientId: string | null,
    @Ctx() ctx: RequestContext<EhrServices>,
  ): Promise<EhrProviderEntity> {
    const principal = requireUser(ctx);
    const { config } = ctx.services;
    return addEhrProvider(
      ctx.dataSource,
      { fhirBaseUrl, name, clientId, addedBy: principal.id },
      {
        timeoutMs: config.EHR_DISCOVERY_TIMEOUT_MS,
        appOrigin: config.EHR_APP_ORIGIN,
        allowPrivateNetwork: (url) =>
          config.EHR_ALLOW_PRIVATE_NETWORK || isTrustedOrigin(url, config.EHR_TRUSTED_FHIR_ORIGINS),
      },
    );
  }
}
