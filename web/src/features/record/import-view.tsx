'use client';

import { useApolloClient, useMutation } from '@apollo/client/react';
import Link from 'next/link';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import type { ImportFhirBundleMutation } from '@/gql/graphql';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { readBundleText } from './bundle-file';
import { ImportFhirBundleDocument } from './record-operations';

type ImportResult = ImportFhirBundleMutation['importFhirBundle'];

function ImportSummary({ result }: { result: ImportResult }): ReactNode {
  const stored = result.created + result.updated;
  return (
    <>
      <Alert tone={result.errors.length > 0 ? 'warning' : 'success'} title="Import finished.">
        {stored} new or changed entries stored, {result.unchanged} already up to date
        {result.skipped > 0 ? `, ${result.skipped} of a kind HoloVitals does not keep` : ''}
        {result.errors.length > 0 ? `, ${result.errors.length} rejected` : ''}.
      </Alert>
      {result.errors.length > 0 ? (
        <Card title="Entries that could not be imported">
          <ul className="list">
            {result.errors.slice(0, 50).map((issue) => (
              <li key={`${issue.index}-${issue.fhirId ?? ''}`}>
                Entry {issue.index + 1}
                {issue.resourceType ? ` (${issue.resourceType})` : ''}: {issue.reason}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <div className="row">
        <Link className="button" href="/dashboard">
          See your record
        </Link>
        <Link className="button button--secondary" href="/labs">
          Labs
        </Link>
      </div>
    </>
  );
}

/** Upload of a FHIR R4 Bundle file into the signed-in user's own record. */
export function ImportView(): ReactNode {
  const inputId = useId();
  const hintId = useId();
  const client = useApolloClient();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [importBundle, { loading }] = useMutation(ImportFhirBundleDocument);
  const [reading, setReading] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setProblem(null);
    setResult(null);
    if (!file) {
      setProblem('Choose a FHIR Bundle file first.');
      return;
    }
    setReading(true);
    const checked = readBundleText(await file.text(), file.size);
    setReading(false);
    if (!checked.ok) {
      setProblem(checked.problem);
      return;
    }
    try {
      const response = await importBundle({ variables: { bundle: checked.bundle, patientId: null } });
      if (response.data) setResult(response.data.importFhirBundle);
      await client.resetStore();
    } catch (caught) {
      setProblem(describeError(errorInfoFromApollo(caught)));
    }
  }

  return (
    <div className="stack">
      <Card title="Upload a FHIR Bundle">
        <form onSubmit={(event) => void submit(event)}>
          <div className="field">
            <label className="field__label" htmlFor={inputId}>
              FHIR Bundle file (.json)
            </label>
            <span className="field__hint" id={hintId}>
              A FHIR R4 Bundle exported by your hospital, patient portal or health app. Up to 20 MB. Importing
              the same file again changes nothing.
            </span>
            <input
              id={inputId}
              className="field__input"
              type="file"
              accept=".json,application/json,application/fhir+json"
              aria-describedby={hintId}
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <Button type="submit" busy={loading || reading}>
            {loading ? 'Importing…' : 'Import'}
          </Button>
        </form>
      </Card>
      {problem ? (
        <Alert tone="error" title="The file was not imported.">
          {problem}
        </Alert>
      ) : null}
      {result ? <ImportSummary result={result} /> : null}
    </div>
  );
}
