'use client';

import { type ReactNode, useState } from 'react';
import type { AllergyFieldsFragment, AllergyInput } from '@/gql/graphql';
import { SelectField } from '@/ui/select-field';
import { TextField } from '@/ui/text-field';
import { choiceOptions } from './choice-options';
import { EntryForm, type EntryFormProps } from './entry-form';
import { keptFields } from './kept-fields';

/** Add or edit an allergy; fields the form does not show (codes, dates) are kept as they were. */
export function AllergyForm(props: EntryFormProps<AllergyFieldsFragment, AllergyInput>): ReactNode {
  const { initial, fieldErrors, onSubmit } = props;
  const [category, setCategory] = useState(initial?.category ?? '');
  const [criticality, setCriticality] = useState(initial?.criticality ?? '');
  const [reaction, setReaction] = useState(initial?.reaction ?? '');
  const [clinicalStatus, setClinicalStatus] = useState(initial?.clinicalStatus ?? 'active');

  return (
    <EntryForm
      form={props}
      noun="allergy"
      nameLabel="Allergic to"
      missingName="Say what the allergy is to."
      onSave={(display) =>
        onSubmit({
          ...keptFields(initial, ['codeSystem', 'code', 'verificationStatus', 'type', 'onsetAt']),
          recordedAt: initial?.recordedAt ?? new Date().toISOString(),
          display,
          category: category || null,
          criticality: criticality || null,
          reaction: reaction.trim() || null,
          clinicalStatus,
        })
      }
    >
      <TextField
        label="Reaction"
        hint="What happens, e.g. hives, swelling, anaphylaxis."
        value={reaction}
        error={fieldErrors.reaction}
        onChange={(event) => setReaction(event.target.value)}
      />
      <SelectField
        label="Category"
        options={choiceOptions(['food', 'medication', 'environment', 'biologic'], initial?.category, true)}
        value={category}
        onChange={(event) => setCategory(event.target.value)}
      />
      <SelectField
        label="Criticality"
        options={choiceOptions(['low', 'high', 'unable-to-assess'], initial?.criticality, true)}
        value={criticality}
        onChange={(event) => setCriticality(event.target.value)}
      />
      <SelectField
        label="Status"
        options={choiceOptions(['active', 'inactive', 'resolved'], initial?.clinicalStatus)}
        value={clinicalStatus}
        onChange={(event) => setClinicalStatus(event.target.value)}
      />
    </EntryForm>
  );
}
