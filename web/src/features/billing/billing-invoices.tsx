'use client';

import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { dateText } from '@/format/clinical-text';
import { moneyText } from '@/format/money-text';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { QueryError } from '@/ui/query-error';
import { BillingInvoicesDocument } from './billing-operations';

/** The user's invoices, newest first, with "Load more" for older pages. */
export function BillingInvoices(): ReactNode {
  const invoices = useQuery(BillingInvoicesDocument, { variables: { after: null } });
  const page = invoices.data?.invoices;
  return (
    <Card title="Invoices">
      {invoices.error && !invoices.data ? (
        <QueryError error={invoices.error} onRetry={() => void invoices.refetch()} />
      ) : null}
      {page && page.nodes.length === 0 ? <EmptyState title="No invoices yet." /> : null}
      {page && page.nodes.length > 0 ? (
        <table className="table" aria-label="Invoices">
          <thead>
            <tr>
              <th>Period</th>
              <th>Number</th>
              <th>Plan</th>
              <th>Paid</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {page.nodes.map((invoice) => (
              <tr key={invoice.id}>
                <td>
                  {dateText(invoice.periodStart)} – {dateText(invoice.periodEnd)}
                </td>
                <td>
                  {invoice.hostedInvoiceUrl ? (
                    <a href={invoice.hostedInvoiceUrl} target="_blank" rel="noreferrer">
                      {invoice.number ?? 'View'}
                    </a>
                  ) : (
                    (invoice.number ?? '—')
                  )}
                </td>
                <td>{invoice.plan}</td>
                <td>
                  {moneyText(invoice.amountPaid, invoice.currency)}
                  {invoice.amountRefunded > 0
                    ? ` (refunded ${moneyText(invoice.amountRefunded, invoice.currency)})`
                    : ''}
                </td>
                <td>{invoice.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {page?.hasNextPage ? (
        <Button
          small
          variant="secondary"
          onClick={() =>
            void invoices.fetchMore({
              variables: { after: page.endCursor },
              updateQuery: (previous, { fetchMoreResult }) => ({
                invoices: {
                  ...fetchMoreResult.invoices,
                  nodes: [...previous.invoices.nodes, ...fetchMoreResult.invoices.nodes],
                },
              }),
            })
          }
        >
          Load more
        </Button>
      ) : null}
    </Card>
  );
}
