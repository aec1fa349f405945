'use client';

import type { ReactNode } from 'react';
import { dateText } from '@/format/clinical-text';
import type { ConditionFieldsFragment, ConditionInput } from '@/gql/graphql';
import { ConditionForm } from './condition-form';
import {
  CreateConditionDocument,
  DeleteConditionDocument,
  PatientConditionsDocument,
  UpdateConditionDocument,
} from './condition-operations';
import { type EntryOperations, RecordEntriesEditor } from './record-entries-editor';

const OPERATIONS: EntryOperations<ConditionFieldsFragment, ConditionInput> = {
  list: PatientConditionsDocument,
  create: CreateConditionDocument,
  update: UpdateConditionDocument,
  remove: DeleteConditionDocument,
};

/** Lists conditions with add, edit and delete. */
export function ConditionsEditor(): ReactNode {
  return (
    <RecordEntriesEditor
      title="Conditions"
      noun="condition"
      operations={OPERATIONS}
      form={ConditionForm}
      details={(condition) => [
        condition.clinicalStatus,
        condition.onsetAt && `since ${dateText(condition.onsetAt)}`,
        condition.abatementAt && `until ${dateText(condition.abatementAt)}`,
      ]}
    />
  );
}
