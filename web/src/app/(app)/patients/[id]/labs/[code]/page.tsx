import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { LabDetail } from '@/features/record/lab-detail';

export const metadata: Metadata = { title: 'Patient lab result' };

export default async function Page({ params }: { params: Promise<{ code: string }> }): Promise<ReactNode> {
  const { code } = await params;
  return <LabDetail code={decodeURIComponent(code)} />;
}
