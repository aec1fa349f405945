import { keysetCursor, keysetPage } from '@holovitals/subgraph-kit';
import type { DataSource } from 'typeorm';
import { BillingError, BillingErrorCode } from '../billing-error';
import { InvoiceEntity } from '../entities/invoice.entity';

export const MAX_PAGE_SIZE = 100;

/** The user's invoices, newest first, a page at a time (keyset paging: stable while new invoices arrive). */
export async function invoicePage(
  dataSource: DataSource,
  input: { userId: string; first: number; after: string | null },
): Promise<{ nodes: InvoiceEntity[]; endCursor: string | null; hasNextPage: boolean }> {
  if (!Number.isInteger(input.first) || input.first < 1 || input.first > MAX_PAGE_SIZE)
    throw new BillingError(
      BillingErrorCode.INVALID_PAGE_SIZE,
      `first must be between 1 and ${MAX_PAGE_SIZE}.`,
    );
  const query = dataSource
    .getRepository(InvoiceEntity)
    .createQueryBuilder('invoice')
    .where('invoice.user_id = :userId', { userId: input.userId });
  const rows = await keysetPage(
    query,
    { at: 'invoice.created_at', id: 'invoice.id' },
    'DESC',
    input.first,
    input.after,
  ).getMany();
  const nodes = rows.slice(0, input.first);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    endCursor: last ? keysetCursor(last.createdAt, last.id) : null,
    hasNextPage: rows.length > input.first,
  };
}
