import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AllergiesEditor } from '@/features/record/allergies-editor';
import { ConditionsEditor } from '@/features/record/conditions-editor';
import { MedicationsEditor } from '@/features/record/medications-editor';
import { OwnPatientScope } from '@/features/record/patient-scope';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Edit my record' };

export default function Page(): ReactNode {
  return (
    <>
      <PageHeader
        title="Edit my record"
        description="Correct or add entries. Changes are kept with your record and included in exports."
      />
      <OwnPatientScope>
        <div className="stack">
          <ConditionsEditor />
          <MedicationsEditor />
          <AllergiesEditor />
        </div>
      </OwnPatientScope>
    </>
  );
}
