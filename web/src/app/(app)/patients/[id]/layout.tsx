import type { ReactNode } from 'react';
import { PatientRecordFrame } from '@/features/patients/patient-record-frame';

export default async function PatientLayout({
  params,
  children,
}: {
  params: Promise<{ id: string }>;
  children: ReactNode;
}): Promise<ReactNode> {
  const { id } = await params;
  return <PatientRecordFrame patientId={id}>{children}</PatientRecordFrame>;
}
