import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { DocumentDetail } from '@/features/documents/document-detail';

export const metadata: Metadata = { title: 'Document' };

export default async function DocumentPage({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<ReactNode> {
  const { id } = await params;
  return <DocumentDetail id={decodeURIComponent(id)} />;
}
