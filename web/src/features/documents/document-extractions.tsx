'use client';

import { useMutation } from '@apollo/client/react';
import { type ReactNode, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateText } from '@/format/clinical-text';
import type { DocumentDetailQuery } from '@/gql/graphql';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { ConfirmExtractionDocument, RejectExtractionDocument } from './document-operations';
import { ExtractionDecision } from './extraction-decision';

type Extraction = DocumentDetailQuery['document']['extractions'][number];

interface Selection {
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** The row's page as a toggle: pressing it draws the row's source box on the page image. */
function SourceCell({ extraction, selectedId, onSelect }: { extraction: Extraction } & Selection): ReactNode {
  return (
    <td>
      <Button
        small
        variant="secondary"
        aria-pressed={selectedId === extraction.id}
        aria-label={`Show ${extraction.display} on page ${extraction.pageNumber}`}
        onClick={() => onSelect(extraction.id)}
      >
        Page {extraction.pageNumber}
      </Button>
    </td>
  );
}

const EXTRACTOR: Record<Extraction['method'], string> = {
  RULES: 'rules',
  MODEL: 'language model only: check it on the page',
};

/** How sure the extractor is, and which extractor found the row (the patient weighs a model-only row differently). */
const confidenceText = (extraction: Extraction): string =>
  `${Math.round(extraction.confidence * 100)}% (${EXTRACTOR[extraction.method]})`;

/**
 * What was read from the document, by kind (lab results with their LOINC code, diagnoses with their ICD-10 code,
 * medications with dose, route and frequency); confirm puts one into the record, and choosing a row's page shows
 * where on the page it was read.
 */
export function DocumentExtractions({
  extractions,
  onDecided,
  selectedId,
  onSelect,
}: {
  extractions: Extraction[];
  onDecided: () => void;
} & Selection): ReactNode {
  const [confirm] = useMutation(ConfirmExtractionDocument);
  const [reject] = useMutation(RejectExtractionDocument);
  const [pending, setPending] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const proposed = extractions.filter((extraction) => extraction.status === 'PROPOSED');
  const labs = extractions.filter((extraction) => extraction.kind === 'LAB_RESULT');
  const conditions = extractions.filter((extraction) => extraction.kind === 'CONDITION');
  const medications = extractions.filter((extraction) => extraction.kind === 'MEDICATION');

  async function act(key: string, work: () => Promise<unknown>): Promise<void> {
    setPending(key);
    setActionError(null);
    try {
      await work();
    } catch (caught) {
      setActionError(describeError(errorInfoFromApollo(caught)));
    } finally {
      setPending(null);
      onDecided();
    }
  }

  const confirmAll = () =>
    act('all', async () => {
      for (const extraction of proposed) await confirm({ variables: { id: extraction.id } });
    });

  const rowProps = (extraction: Extraction) => ({
    key: extraction.id,
    className: selectedId === extraction.id ? 'is-selected' : undefined,
  });
  const decision = (extraction: Extraction): ReactNode => (
    <td>
      <ExtractionDecision
        extraction={extraction}
        pending={pending}
        onConfirm={() => void act(extraction.id, () => confirm({ variables: { id: extraction.id } }))}
        onReject={() =>
          void act(`reject:${extraction.id}`, () => reject({ variables: { id: extraction.id } }))
        }
      />
    </td>
  );
  const selection = { selectedId, onSelect };

  return (
    <Card
      title="Results found"
      actions={
        proposed.length > 1 ? (
          <Button small busy={pending === 'all'} onClick={() => void confirmAll()}>
            Confirm all {proposed.length}
          </Button>
        ) : null
      }
    >
      {actionError ? <Alert tone="error">{actionError}</Alert> : null}
      {extractions.length === 0 ? (
        <EmptyState title="No lab results, diagnoses or medications found in this document.">
          Its text is below; nothing was proposed for your record.
        </EmptyState>
      ) : null}
      {labs.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="Lab results found">
            <thead>
              <tr>
                <th scope="col">Test as printed</th>
                <th scope="col">LOINC</th>
                <th scope="col">Result</th>
                <th scope="col">Reference range</th>
                <th scope="col">Flag</th>
                <th scope="col">Date</th>
                <th scope="col">Source</th>
                <th scope="col">Confidence (found by)</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {labs.map((extraction) => (
                <tr {...rowProps(extraction)}>
                  <th scope="row">{extraction.display}</th>
                  <td>
                    {extraction.standardized?.loincCode ? (
                      <>
                        <code>{extraction.standardized.loincCode}</code>{' '}
                        <span className="muted">
                          {extraction.standardized.shortName ?? extraction.standardized.loincDisplay}
                        </span>
                      </>
                    ) : (
                      <span className="muted">No code</span>
                    )}
                  </td>
                  <td>
                    {extraction.valueText} {extraction.unit ?? ''}
                  </td>
                  <td>{extraction.referenceText ?? '—'}</td>
                  <td>
                    {extraction.flag ? <span className="badge badge--high">{extraction.flag}</span> : '—'}
                  </td>
                  <td>{extraction.effectiveAt ? dateText(extraction.effectiveAt) : '—'}</td>
                  <SourceCell extraction={extraction} {...selection} />
                  <td>{confidenceText(extraction)}</td>
                  {decision(extraction)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {conditions.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="Diagnoses found">
            <thead>
              <tr>
                <th scope="col">Diagnosis as printed</th>
                <th scope="col">ICD-10-CM</th>
                <th scope="col">Status</th>
                <th scope="col">Onset</th>
                <th scope="col">Source</th>
                <th scope="col">Confidence (found by)</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {conditions.map((extraction) => (
                <tr {...rowProps(extraction)}>
                  <th scope="row">{extraction.display}</th>
                  <td>
                    {extraction.codeSystem === 'http://hl7.org/fhir/sid/icd-10-cm' ? (
                      <>
                        <code>{extraction.code}</code>{' '}
                        <span className="muted">
                          {extraction.concept?.display ?? 'not in the code list: check the printed code'}
                        </span>
                      </>
                    ) : (
                      <span className="muted">No code printed</span>
                    )}
                  </td>
                  <td>{extraction.clinicalStatus ?? 'active (not stated)'}</td>
                  <td>{extraction.onsetText ?? '—'}</td>
                  <SourceCell extraction={extraction} {...selection} />
                  <td>{confidenceText(extraction)}</td>
                  {decision(extraction)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {medications.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="Medications found">
            <thead>
              <tr>
                <th scope="col">Medication as printed</th>
                <th scope="col">Dose</th>
                <th scope="col">Route</th>
                <th scope="col">Frequency</th>
                <th scope="col">Source</th>
                <th scope="col">Confidence (found by)</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {medications.map((extraction) => (
                <tr {...rowProps(extraction)}>
                  <th scope="row">
                    {extraction.display} <span className="muted">(not coded: name as printed)</span>
                  </th>
                  <td>{extraction.dose ?? '—'}</td>
                  <td>{extraction.route ?? '—'}</td>
                  <td>{extraction.frequency ?? '—'}</td>
                  <SourceCell extraction={extraction} {...selection} />
                  <td>{confidenceText(extraction)}</td>
                  {decision(extraction)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Card>
  );
}
