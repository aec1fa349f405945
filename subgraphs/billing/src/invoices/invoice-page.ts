import type { DataSource } from 'typeorm';
import { BillingError, BillingErrorCode } from '../billing-error';
import { InvoiceEntity } from '../entities/invoice.entity';

export const MAX_PAGE_SIZE = 100;

export function encodeCursor(invoice: Pick<InvoiceEntity, 'createdAt' | 'id'>): string {
  return Buffer.from(`${invoice.createdAt.toISOString()}|${invoice.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime()))
    throw new BillingError(BillingErrorCode.INVALID_CURSOR, 'The cursor is not one this API returned.');
  return { createdAt, id };
}

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
    .where('invoice.user_id = :userId', { userId: input.userId })
    .orderBy('invoice.created_at', 'DESC')
    .addOrderBy('invoice.id', 'DESC')
    .take(input.first + 1);
  if (input.after) {
    const cursor = decodeCursor(input.after);
    query.andWhere('(invoice.created_at, invoice.id) < (:createdAt, :id)', cursor);
  }
  const rows = await query.getMany();
  const nodes = rows.slice(0, input.first);
  const last = nodes[nodes.length - 1];
  return { nodes, endCursor: last ? encodeCursor(last) : null, hasNextPage: rows.length > input.first };
}
