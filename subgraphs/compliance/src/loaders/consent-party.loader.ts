import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import type { ConsentParty } from '../resolvers/types/consent-party.type';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Verified users by id, one query per request; null for an id compliance never heard verified, including the
 * system actors (`service:…`) that audit entries may name instead of a user.
 */
export function consentPartyLoader(ctx: RequestContext): DataLoader<string, ConsentParty | null> {
  return ctx.loaders.get(
    'consent-party',
    () =>
      new DataLoader<string, ConsentParty | null>(async (ids) => {
        const rows: Array<{ user_id: string; display_name: string | null; email: string | null }> =
          await ctx.dataSource.query(
            'SELECT user_id, display_name, email FROM verified_user WHERE user_id = ANY($1::uuid[])',
            [ids.filter((id) => UUID.test(id))],
          );
        const byId = new Map(rows.map((row) => [row.user_id, row]));
        return ids.map((id) => {
          const row = byId.get(id);
          if (!row?.email) return null;
          return { userId: row.user_id, displayName: row.display_name, email: row.email };
        });
      }),
  );
}
