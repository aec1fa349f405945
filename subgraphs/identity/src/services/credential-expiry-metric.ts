import { Gauge, type Registry } from 'prom-client';
import type { SubgraphRuntime } from '@holovitals/subgraph-kit';
import type { SigningKeys } from './signing-keys';

/**
 * `credential_expires_in_seconds{credential="jwt_signing_key"}`: seconds until the access-token signing key must
 * be replaced, measured at each scrape. Negative means rotation is overdue (it keeps failing).
 */
export function registerCredentialExpiryMetric(
  registry: Registry,
  keys: SigningKeys,
  logger: SubgraphRuntime<object>['logger'],
): void {
  new Gauge({
    name: 'credential_expires_in_seconds',
    help: 'Seconds until a credential this service holds must be replaced (negative: overdue).',
    labelNames: ['credential'],
    registers: [registry],
    async collect() {
      try {
        const dueAt = await keys.rotationDueAt();
        this.set({ credential: 'jwt_signing_key' }, Math.round((dueAt.getTime() - Date.now()) / 1000));
      } catch (error) {
        logger.warn({ err: error }, 'could not read the signing key rotation for /metrics');
      }
    },
  });
}
