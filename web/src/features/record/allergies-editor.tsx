'use client';

import type { ReactNode } from 'react';
import type { AllergyFieldsFragment, AllergyInput } from '@/gql/graphql';
import { AllergyForm } from './allergy-form';
import {
  CreateAllergyDocument,
  DeleteAllergyDocument,
  PatientAllergiesDocument,
  UpdateAllergyDocument,
} from './allergy-operations';
import { type EntryOperations, RecordEntriesEditor } from './record-entries-editor';

const OPERATIONS: EntryOperations<AllergyFieldsFragment, AllergyInput> = {
  list: PatientAllergiesDocument,
  create: CreateAllergyDocument,
  update: UpdateAllergyDocument,
  remove: DeleteAllergyDocument,
};

/** Lists allergies with add, edit and delete. */
export function AllergiesEditor(): ReactNode {
  return (
    <RecordEntriesEditor
      title="Allergies"
      noun="allergy"
      operations={OPERATIONS}
      form={AllergyForm}
      details={(allergy) => [
        allergy.category,
        allergy.criticality && `${allergy.criticality} criticality`,
        allergy.reaction,
        allergy.clinicalStatus,
      ]}
    />
  );
}
