import type { DataSource } from 'typeorm';
import { requestedScopes } from '../connections/requested-scopes';
import { EhrClientIdSource } from '../entities/ehr-client-id-source';
import { EhrProviderEntity } from '../entities/ehr-provider.entity';
import { APP_CALLBACK_PATH, registerPublicClient } from './client-registration';
import { discoverSmartServer, normalizeFhirBaseUrl, type SmartServer } from './smart-discovery';

const MAX_RESULTS = 50;

/** Providers whose name or URL contains `search` (all when empty), by name. */
export async function searchEhrProviders(
  dataSource: DataSource,
  search: string | null,
): Promise<EhrProviderEntity[]> {
  const query = dataSource.getRepository(EhrProviderEntity).createQueryBuilder('provider');
  const text = search?.trim();
  if (text) {
    const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    query.where('lower(provider.name) LIKE :pattern OR lower(provider."fhirBaseUrl") LIKE :pattern', {
      pattern,
    });
  }
  return query.orderBy('lower(provider.name)').addOrderBy('provider.id').limit(MAX_RESULTS).getMany();
}

/** Where a provider's client id comes from: given, registered dynamically where the server offers it, else default. */
async function providerClient(
  server: SmartServer,
  clientId: string | null,
  settings: ProviderSettings,
): Promise<Pick<EhrProviderEntity, 'clientId' | 'clientIdSource' | 'registeredRedirectUris'>> {
  if (clientId) return { clientId, clientIdSource: EhrClientIdSource.CONFIGURED, registeredRedirectUris: [] };
  if (!server.registrationUrl)
    return { clientId: null, clientIdSource: EhrClientIdSource.DEFAULT, registeredRedirectUris: [] };
  const registered = await registerPublicClient(
    server.registrationUrl,
    { redirectUri: `${settings.appOrigin}${APP_CALLBACK_PATH}`, scope: requestedScopes(server) },
    {
      timeoutMs: settings.timeoutMs,
      allowPrivateNetwork: settings.allowPrivateNetwork(server.registrationUrl),
    },
  );
  return {
    clientId: registered.clientId,
    clientIdSource: EhrClientIdSource.REGISTERED,
    registeredRedirectUris: registered.redirectUris,
  };
}

export interface ProviderSettings {
  timeoutMs: number;
  /** The web app's origin, where a dynamically registered client's redirect URI points. */
  appOrigin: string;
  /** Whether this URL may resolve to a private network address (see network-guard). */
  allowPrivateNetwork: (url: string) => boolean;
}

/**
 * Adds a SMART on FHIR R4 server by its base URL after discovering its endpoints; without a client id, HoloVitals
 * registers itself where the server offers dynamic client registration. A URL already known (after
 * normalization) returns the existing provider instead of a duplicate. Nothing is written when discovery or
 * registration fails.
 */
export async function addEhrProvider(
  dataSource: DataSource,
  input: { fhirBaseUrl: string; name: string | null; clientId: string | null; addedBy: string },
  settings: ProviderSettings,
): Promise<EhrProviderEntity> {
  const repository = dataSource.getRepository(EhrProviderEntity);
  const fhirBaseUrl = normalizeFhirBaseUrl(input.fhirBaseUrl);
  const existing = await repository.findOneBy({ fhirBaseUrl });
  if (existing) return existing;
  const server = await discoverSmartServer(fhirBaseUrl, {
    timeoutMs: settings.timeoutMs,
    allowPrivateNetwork: settings.allowPrivateNetwork(fhirBaseUrl),
  });
  const client = await providerClient(server, input.clientId?.trim() || null, settings);
  await repository
    .createQueryBuilder()
    .insert()
    .values({
      name: input.name?.trim() || server.softwareName || new URL(fhirBaseUrl).hostname,
      vendor: null,
      fhirBaseUrl,
      authorizeUrl: server.authorizeUrl,
      tokenUrl: server.tokenUrl,
      revocationUrl: server.revocationUrl,
      capabilities: server.capabilities,
      scopesSupported: server.scopesSupported,
      bulkExport: server.bulkExport,
      ...client,
      addedBy: input.addedBy,
    })
    .orIgnore()
    .execute();
  return repository.findOneByOrFail({ fhirBaseUrl });
}
