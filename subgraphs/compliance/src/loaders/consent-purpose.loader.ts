import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import type { ConsentPurpose } from '../consent/consent-vocabulary';

/** The purpose of each consent grant by id, one query per request; null for an unknown grant. */
export function consentPurposeLoader(ctx: RequestContext): DataLoader<string, ConsentPurpose | null> {
  return ctx.loaders.get(
    'consent-purpose',
    () =>
      new DataLoader<string, ConsentPurpose | null>(async (ids) => {
        const rows: Array<{ id: string; purpose: ConsentPurpose }> = await ctx.dataSource.query(
          'SELECT id, purpose FROM consent_grant WHERE id = ANY($1::uuid[])',
          [ids],
        );
        const byId = new Map(rows.map((row) => [row.id, row.purpose]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );
}
