import type { DataSource } from 'typeorm';
import { EhrProviderEntity } from '../entities/ehr-provider.entity';
import { discoverSmartServer, normalizeFhirBaseUrl } from './smart-discovery';

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

/**
 * Adds a SMART on FHIR R4 server by its base URL after discovering its endpoints; a URL already known
 * (after normalization) returns the existing provider instead of a duplicate.
 */
export async function addEhrProvider(
  dataSource: DataSource,
  input: { fhirBaseUrl: string; name: string | null; clientId: string | null; addedBy: string },
  discovery: { timeoutMs: number; allowPrivateNetwork: boolean },
): Promise<EhrProviderEntity> {
  const repository = dataSource.getRepository(EhrProviderEntity);
  const fhirBaseUrl = normalizeFhirBaseUrl(input.fhirBaseUrl);
  const existing = await repository.findOneBy({ fhirBaseUrl });
  if (existing) return existing;
  const server = await discoverSmartServer(fhirBaseUrl, discovery);
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
      clientId: input.clientId?.trim() || null,
      addedBy: input.addedBy,
    })
    .orIgnore()
    .execute();
  return repository.findOneByOrFail({ fhirBaseUrl });
}
