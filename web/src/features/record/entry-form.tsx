'use client';

import { type FormEvent, type ReactNode, useState } from 'react';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/text-field';

/** What the record editor hands the add and edit form of each kind of entry. */
export interface EntryFormProps<Entry, Input> {
  initial?: Entry;
  busy: boolean;
  fieldErrors: Record<string, string>;
  onSubmit: (input: Input) => void;
  onCancel: () => void;
}

interface EntryFormShellProps {
  form: Omit<EntryFormProps<{ display?: string | null }, never>, 'onSubmit'>;
  /** Singular name, e.g. "allergy": labels the form and its submit button. */
  noun: string;
  nameLabel: string;
  nameHint?: string;
  /** Shown when the name is left blank. */
  missingName: string;
  /** Receives the trimmed name once it is filled in. */
  onSave: (display: string) => void;
  children: ReactNode;
}

/** The frame of an add or edit form: the required name field first, the kind's own fields, then save and cancel. */
export function EntryForm({
  form,
  noun,
  nameLabel,
  nameHint,
  missingName,
  onSave,
  children,
}: EntryFormShellProps): ReactNode {
  const [display, setDisplay] = useState(form.initial?.display ?? '');
  const [nameMissing, setNameMissing] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (display.trim() === '') {
      setNameMissing(true);
      return;
    }
    onSave(display.trim());
  }

  const action = form.initial ? `Save ${noun}` : `Add ${noun}`;
  return (
    <form className="card" onSubmit={submit} aria-label={form.initial ? `Edit ${noun}` : `Add ${noun}`}>
      <TextField
        label={nameLabel}
        hint={nameHint}
        required
        value={display}
        error={nameMissing ? missingName : form.fieldErrors.display}
        onChange={(event) => {
          setDisplay(event.target.value);
          setNameMissing(false);
        }}
      />
      {children}
      <div className="row">
        <Button type="submit" busy={form.busy}>
          {action}
        </Button>
        <Button variant="secondary" onClick={form.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
