'use client';

import { type ReactNode, useState } from 'react';
import type { ConditionFieldsFragment, ConditionInput } from '@/gql/graphql';
import { SelectField } from '@/ui/select-field';
import { choiceOptions } from './choice-options';
import { EntryForm, type EntryFormProps } from './entry-form';
import { keptFields } from './kept-fields';

const STATUSES = ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'];

/** Add or edit a condition; codes and dates are kept as they were. */
export function ConditionForm(props: EntryFormProps<ConditionFieldsFragment, ConditionInput>): ReactNode {
  const { initial, onSubmit } = props;
  const [clinicalStatus, setClinicalStatus] = useState(initial?.clinicalStatus ?? 'active');
  const [category, setCategory] = useState(initial?.category ?? '');

  return (
    <EntryForm
      form={props}
      noun="condition"
      nameLabel="Condition"
      nameHint="A diagnosis or health problem, e.g. asthma, high blood pressure."
      missingName="Name the condition."
      onSave={(display) =>
        onSubmit({
          ...keptFields(initial, ['codeSystem', 'code', 'verificationStatus', 'onsetAt', 'abatementAt']),
          recordedAt: initial?.recordedAt ?? new Date().toISOString(),
          display,
          clinicalStatus,
          category: category || null,
        })
      }
    >
      <SelectField
        label="Status"
        options={choiceOptions(STATUSES, initial?.clinicalStatus)}
        value={clinicalStatus}
        onChange={(event) => setClinicalStatus(event.target.value)}
      />
      <SelectField
        label="Kind"
        options={choiceOptions(['problem-list-item', 'encounter-diagnosis'], initial?.category, true)}
        value={category}
        onChange={(event) => setCategory(event.target.value)}
      />
    </EntryForm>
  );
}
