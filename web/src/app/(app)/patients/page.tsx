import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { PatientList } from '@/features/patients/patient-list';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Patients' };

export default function Page(): ReactNode {
  return (
    <>
      <PageHeader title="Patients" description="Records you may open." />
      <PatientList />
    </>
  );
}
