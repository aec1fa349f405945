import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { BillingOverview } from '@/features/billing/billing-overview';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Billing' };

export default async function BillingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}): Promise<ReactNode> {
  const { checkout } = await searchParams;
  return (
    <>
      <PageHeader
        title="Billing"
        description="Your plan, analysis credits and what each analysis cost, invoices, and payment methods."
      />
      <BillingOverview checkout={typeof checkout === 'string' ? checkout : null} />
    </>
  );
}
