import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { LabDetail } from '@/features/record/lab-detail';
import { OwnPatientScope } from '@/features/record/patient-scope';

export const metadata: Metadata = { title: 'Lab result' };

export default async function Page({ params }: { params: Promise<{ code: string }> }): Promise<ReactNode> {
  const { code } = await params;
  return (
    <OwnPatientScope>
      <LabDetail code={decodeURIComponent(code)} />
    </OwnPatientScope>
  );
}
