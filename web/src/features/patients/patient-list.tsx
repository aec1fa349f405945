'use client';

import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { type FormEvent, type ReactNode, useState } from 'react';
import { dateText, personName } from '@/format/clinical-text';
import { PatientListDocument } from '@/features/record/record-operations';
import { Button } from '@/ui/button';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { TextField } from '@/ui/text-field';

const PAGE_SIZE = 25;

/** Patients the signed-in clinician (with consent) or admin may open, searchable by name. */
export function PatientList(): ReactNode {
  const [search, setSearch] = useState('');
  const [name, setName] = useState<string | null>(null);
  const { data, loading, error, refetch, fetchMore } = useQuery(PatientListDocument, {
    variables: { first: PAGE_SIZE, name },
  });
  const [loadingMore, setLoadingMore] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setName(search.trim() || null);
  }

  async function more(): Promise<void> {
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after: data?.patients.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          patients: {
            ...fetchMoreResult.patients,
            nodes: [...previous.patients.nodes, ...fetchMoreResult.patients.nodes],
          },
        }),
      });
    } finally {
      setLoadingMore(false);
    }
  }

  const patients = data?.patients.nodes ?? [];
  return (
    <div className="stack">
      <form className="row" role="search" onSubmit={submit}>
        <TextField
          label="Search by name"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {loading && !data ? <LoadingState label="Loading patients…" /> : null}
      {error && !data ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {data && patients.length === 0 ? (
        <EmptyState title={name ? `No patients match “${name}”.` : 'No patients to show.'}>
          {name
            ? 'Check the spelling or search for part of the name.'
            : 'Patients appear here once they share their record with you.'}
        </EmptyState>
      ) : null}
      {patients.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Born</th>
                <th scope="col">Sex</th>
                <th scope="col">City</th>
              </tr>
            </thead>
            <tbody>
              {patients.map((patient) => (
                <tr key={patient.id}>
                  <th scope="row">
                    <Link href={`/patients/${patient.id}`}>
                      {personName(patient.givenName, patient.familyName)}
                    </Link>
                  </th>
                  <td>{dateText(patient.birthDate)}</td>
                  <td>{patient.gender ?? '—'}</td>
                  <td>{patient.city ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data?.patients.pageInfo.hasNextPage ? (
        <div>
          <Button variant="secondary" busy={loadingMore} onClick={() => void more()}>
            Show more patients
          </Button>
        </div>
      ) : null}
    </div>
  );
}
