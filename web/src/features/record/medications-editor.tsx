'use client';

import type { ReactNode } from 'react';
import { dateText } from '@/format/clinical-text';
import type { MedicationFieldsFragment, MedicationInput } from '@/gql/graphql';
import { MedicationForm } from './medication-form';
import {
  CreateMedicationDocument,
  DeleteMedicationDocument,
  PatientMedicationsDocument,
  UpdateMedicationDocument,
} from './medication-operations';
import { type EntryOperations, RecordEntriesEditor } from './record-entries-editor';

const OPERATIONS: EntryOperations<MedicationFieldsFragment, MedicationInput> = {
  list: PatientMedicationsDocument,
  create: CreateMedicationDocument,
  update: UpdateMedicationDocument,
  remove: DeleteMedicationDocument,
};

/** Lists medications with add, edit and delete. */
export function MedicationsEditor(): ReactNode {
  return (
    <RecordEntriesEditor
      title="Medications"
      noun="medication"
      operations={OPERATIONS}
      form={MedicationForm}
      details={(medication) => [
        medication.dosage,
        medication.status,
        medication.startedAt && `since ${dateText(medication.startedAt)}`,
      ]}
    />
  );
}
