'use client';

import { useApolloClient } from '@apollo/client/react';
import { type ReactNode, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { usePatientScope } from './patient-scope';
import { ExportFhirBundleDocument } from './record-operations';

function download(bundle: unknown, fileName: string): void {
  const blob = new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/fhir+json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has queued the download; the object URL can go once the browser has picked it up.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches the record as a FHIR R4 collection Bundle and saves it as a .json file. */
export function ExportButton(): ReactNode {
  const { patientId } = usePatientScope();
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function exportRecord(): Promise<void> {
    setBusy(true);
    setProblem(null);
    setDone(false);
    try {
      // A mutation because every export is an audited disclosure, not a cacheable read.
      const { data } = await client.mutate({
        mutation: ExportFhirBundleDocument,
        variables: { id: patientId },
        fetchPolicy: 'no-cache',
      });
      const day = new Date().toISOString().slice(0, 10);
      download(data?.exportFhirBundle, `holovitals-record-${day}.json`);
      setDone(true);
    } catch (caught) {
      setProblem(describeError(errorInfoFromApollo(caught)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <div>
        <Button busy={busy} onClick={() => void exportRecord()}>
          {busy ? 'Preparing the file…' : 'Download FHIR Bundle (.json)'}
        </Button>
      </div>
      {done ? <Alert tone="success">Your record was saved as a FHIR Bundle file.</Alert> : null}
      {problem ? (
        <Alert tone="error" title="The export did not work.">
          {problem}
        </Alert>
      ) : null}
    </div>
  );
}
