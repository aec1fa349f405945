'use client';

import { type ReactNode, useState } from 'react';
import type { MedicationFieldsFragment, MedicationInput } from '@/gql/graphql';
import { SelectField } from '@/ui/select-field';
import { TextField } from '@/ui/text-field';
import { choiceOptions } from './choice-options';
import { EntryForm, type EntryFormProps } from './entry-form';
import { keptFields } from './kept-fields';

/** Add or edit a medication; codes, dates and whether it was prescribed or reported are kept as they were. */
export function MedicationForm(props: EntryFormProps<MedicationFieldsFragment, MedicationInput>): ReactNode {
  const { initial, fieldErrors, onSubmit } = props;
  const [dosage, setDosage] = useState(initial?.dosage ?? '');
  const [status, setStatus] = useState(initial?.status ?? 'active');

  return (
    <EntryForm
      form={props}
      noun="medication"
      nameLabel="Medication"
      nameHint="Name and strength, e.g. metformin 500 mg."
      missingName="Name the medication."
      onSave={(display) =>
        onSubmit({
          ...keptFields(initial, ['codeSystem', 'code', 'intent', 'startedAt', 'endedAt']),
          // Entered by the patient, so a statement of what they take rather than a prescription.
          sourceType: initial?.sourceType ?? 'MedicationStatement',
          display,
          dosage: dosage.trim() || null,
          status,
        })
      }
    >
      <TextField
        label="Dosage"
        hint="How much and how often, e.g. 1 tablet twice a day."
        value={dosage}
        error={fieldErrors.dosage}
        onChange={(event) => setDosage(event.target.value)}
      />
      <SelectField
        label="Status"
        options={choiceOptions(['active', 'on-hold', 'completed', 'stopped'], initial?.status)}
        value={status}
        onChange={(event) => setStatus(event.target.value)}
      />
    </EntryForm>
  );
}
