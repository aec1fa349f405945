'use client';

import { type FormEvent, type ReactNode, useState } from 'react';
import type { AllergyFieldsFragment, AllergyInput } from '@/gql/graphql';
import { Button } from '@/ui/button';
import { SelectField } from '@/ui/select-field';
import { TextField } from '@/ui/text-field';

const CATEGORIES = [
  { value: '', label: 'Not specified' },
  { value: 'food', label: 'Food' },
  { value: 'medication', label: 'Medication' },
  { value: 'environment', label: 'Environment' },
  { value: 'biologic', label: 'Biologic' },
];

const CRITICALITIES = [
  { value: '', label: 'Not specified' },
  { value: 'low', label: 'Low' },
  { value: 'high', label: 'High' },
  { value: 'unable-to-assess', label: 'Unable to assess' },
];

const STATUSES = [
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Inactive' },
  { value: 'resolved', label: 'Resolved' },
];

interface AllergyFormProps {
  initial?: AllergyFieldsFragment;
  busy: boolean;
  fieldErrors: Record<string, string>;
  onSubmit: (input: AllergyInput) => void;
  onCancel: () => void;
}

/** Add or edit an allergy; fields the form does not show (codes, dates) are kept as they were. */
export function AllergyForm({ initial, busy, fieldErrors, onSubmit, onCancel }: AllergyFormProps): ReactNode {
  const [display, setDisplay] = useState(initial?.display ?? '');
  const [category, setCategory] = useState(initial?.category ?? '');
  const [criticality, setCriticality] = useState(initial?.criticality ?? '');
  const [reaction, setReaction] = useState(initial?.reaction ?? '');
  const [clinicalStatus, setClinicalStatus] = useState(initial?.clinicalStatus ?? 'active');
  const [missingName, setMissingName] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (display.trim() === '') {
      setMissingName(true);
      return;
    }
    onSubmit({
      codeSystem: initial?.codeSystem ?? null,
      code: initial?.code ?? null,
      verificationStatus: initial?.verificationStatus ?? null,
      type: initial?.type ?? null,
      onsetAt: initial?.onsetAt ?? null,
      recordedAt: initial?.recordedAt ?? new Date().toISOString(),
      display: display.trim(),
      category: category || null,
      criticality: criticality || null,
      reaction: reaction.trim() || null,
      clinicalStatus,
    });
  }

  return (
    <form className="card" onSubmit={submit} aria-label={initial ? 'Edit allergy' : 'Add allergy'}>
      <TextField
        label="Allergic to"
        required
        value={display}
        error={missingName ? 'Say what the allergy is to.' : fieldErrors.display}
        onChange={(event) => {
          setDisplay(event.target.value);
          setMissingName(false);
        }}
      />
      <TextField
        label="Reaction"
        hint="What happens, e.g. hives, swelling, anaphylaxis."
        value={reaction}
        error={fieldErrors.reaction}
        onChange={(event) => setReaction(event.target.value)}
      />
      <SelectField
        label="Category"
        options={CATEGORIES}
        value={category}
        onChange={(event) => setCategory(event.target.value)}
      />
      <SelectField
        label="Criticality"
        options={CRITICALITIES}
        value={criticality}
        onChange={(event) => setCriticality(event.target.value)}
      />
      <SelectField
        label="Status"
        options={STATUSES}
        value={clinicalStatus}
        onChange={(event) => setClinicalStatus(event.target.value)}
      />
      <div className="row">
        <Button type="submit" busy={busy}>
          {initial ? 'Save allergy' : 'Add allergy'}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
