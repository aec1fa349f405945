import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { OwnPatientScope } from '@/features/record/patient-scope';
import { VitalsView } from '@/features/record/vitals-view';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Vitals' };

export default function Page(): ReactNode {
  return (
    <>
      <PageHeader title="Vitals" description="Blood pressure, weight, BMI and more over time." />
      <OwnPatientScope>
        <VitalsView />
      </OwnPatientScope>
    </>
  );
}
