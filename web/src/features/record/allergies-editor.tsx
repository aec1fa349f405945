'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import { type ReactNode, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError, type ErrorInfo } from '@/errors/error-info';
import { conceptText } from '@/format/clinical-text';
import type { AllergyFieldsFragment, AllergyInput } from '@/gql/graphql';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { AllergyForm } from './allergy-form';
import {
  CreateAllergyDocument,
  DeleteAllergyDocument,
  PatientAllergiesDocument,
  UpdateAllergyDocument,
} from './allergy-operations';
import { usePatientScope } from './patient-scope';

type Editing = { mode: 'add' } | { mode: 'edit'; allergy: AllergyFieldsFragment } | null;

/** Lists allergies with add, edit and delete; each change carries the version it was based on. */
export function AllergiesEditor(): ReactNode {
  const { patientId } = usePatientScope();
  const { data, loading, error, refetch } = useQuery(PatientAllergiesDocument, {
    variables: { id: patientId },
  });
  const [createAllergy, created] = useMutation(CreateAllergyDocument);
  const [updateAllergy, updated] = useMutation(UpdateAllergyDocument);
  const [deleteAllergy] = useMutation(DeleteAllergyDocument);
  const [editing, setEditing] = useState<Editing>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState<string | null>(null);

  async function save(input: AllergyInput): Promise<void> {
    setFailure(null);
    setSaved(null);
    try {
      if (editing?.mode === 'edit') {
        await updateAllergy({
          variables: { id: editing.allergy.id, version: editing.allergy.version, input },
        });
      } else {
        await createAllergy({ variables: { patientId, input } });
      }
      setSaved(`Saved “${input.display}”.`);
      setEditing(null);
      await refetch();
    } catch (caught) {
      setFailure(errorInfoFromApollo(caught));
    }
  }

  async function remove(allergy: AllergyFieldsFragment): Promise<void> {
    setConfirmingDelete(null);
    setFailure(null);
    setSaved(null);
    try {
      await deleteAllergy({ variables: { id: allergy.id, version: allergy.version } });
      setSaved(`Removed “${conceptText(allergy.display)}”.`);
      await refetch();
    } catch (caught) {
      setFailure(errorInfoFromApollo(caught));
    }
  }

  const allergies = data?.patient.allergies.nodes ?? [];
  return (
    <Card
      title="Allergies"
      actions={
        editing ? null : (
          <Button small onClick={() => setEditing({ mode: 'add' })}>
            Add allergy
          </Button>
        )
      }
    >
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      {failure ? <Alert tone="error">{describeError(failure)}</Alert> : null}
      {editing?.mode === 'add' ? (
        <AllergyForm
          busy={created.loading}
          fieldErrors={failure?.fieldErrors ?? {}}
          onSubmit={(input) => void save(input)}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {loading && !data ? <LoadingState label="Loading allergies…" /> : null}
      {error && !data ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {data && allergies.length === 0 && !editing ? <EmptyState title="No allergies recorded." /> : null}
      {allergies.length > 0 ? (
        <ul className="list" aria-label="Allergies">
          {allergies.map((allergy) =>
            editing?.mode === 'edit' && editing.allergy.id === allergy.id ? (
              <li key={allergy.id}>
                <AllergyForm
                  initial={allergy}
                  busy={updated.loading}
                  fieldErrors={failure?.fieldErrors ?? {}}
                  onSubmit={(input) => void save(input)}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li key={allergy.id} className="row row--spread">
                <div>
                  <strong>{conceptText(allergy.display)}</strong>
                  <div className="muted">
                    {[
                      allergy.category,
                      allergy.criticality && `${allergy.criticality} criticality`,
                      allergy.reaction,
                      allergy.clinicalStatus,
                    ]
                      .filter(Boolean)
                      .join(' · ') || 'No details'}
                  </div>
                </div>
                <div className="row">
                  <Button
                    variant="secondary"
                    small
                    aria-label={`Edit ${conceptText(allergy.display)}`}
                    onClick={() => setEditing({ mode: 'edit', allergy })}
                  >
                    Edit
                  </Button>
                  {confirmingDelete === allergy.id ? (
                    <>
                      <Button
                        variant="danger"
                        small
                        aria-label={`Yes, delete ${conceptText(allergy.display)}`}
                        onClick={() => void remove(allergy)}
                      >
                        Yes, delete
                      </Button>
                      <Button variant="secondary" small onClick={() => setConfirmingDelete(null)}>
                        Keep
                      </Button>
                    </>
                  ) : (
                    <Button
                      variant="danger"
                      small
                      aria-label={`Delete ${conceptText(allergy.display)}`}
                      onClick={() => setConfirmingDelete(allergy.id)}
                    >
                      Delete
                    </Button>
                  )}
                </div>
              </li>
            ),
          )}
        </ul>
      ) : null}
    </Card>
  );
}
