'use client';

import { useLazyQuery } from '@apollo/client/react';
import { type FormEvent, type ReactNode } from 'react';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { TextField } from '@/ui/text-field';
import { ComplianceReportDocument } from './admin-operations';

const DAY_MS = 86_400_000;

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function downloadCsv(csv: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has queued the download; the object URL can go once the browser has picked it up.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export function ComplianceReportView(): ReactNode {
  const [load, { data, loading, error, variables }] = useLazyQuery(ComplianceReportDocument);
  const today = new Date();

  function produce(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = new Date(`${String(form.get('from'))}T00:00:00Z`);
    const to = new Date(new Date(`${String(form.get('to'))}T00:00:00Z`).getTime() + DAY_MS - 1);
    void load({ variables: { from: from.toISOString(), to: to.toISOString() } });
  }

  const report = data?.complianceReport;
  return (
    <div className="stack">
      <Card title="Range">
        <form className="stack" onSubmit={produce} aria-label="Report range">
          <TextField
            label="From"
            name="from"
            type="date"
            defaultValue={day(new Date(today.getTime() - 30 * DAY_MS))}
          />
          <TextField label="To" name="to" type="date" defaultValue={day(today)} />
          <Button type="submit" busy={loading}>
            Produce report
          </Button>
        </form>
      </Card>
      {loading ? <LoadingState label="Producing the report…" /> : null}
      {error ? <QueryError error={error} /> : null}
      {report ? (
        <>
          <Alert tone={report.chain.valid ? 'success' : 'error'}>
            {report.chain.valid
              ? `Audit chain intact: ${report.chain.checkedEntries} entries verified.`
              : `Audit chain broken at entry ${report.chain.firstBroken?.seq} (${report.chain.firstBroken?.reason}).`}
          </Alert>
          <Card
            title="Accesses by action and role"
            actions={
              <Button
                variant="secondary"
                small
                onClick={() =>
                  downloadCsv(
                    report.csv,
                    `compliance-report-${String(variables?.from).slice(0, 10)}-${String(variables?.to).slice(0, 10)}.csv`,
                  )
                }
              >
                Download CSV
              </Button>
            }
          >
            <ul className="list" aria-label="Totals by action and role">
              {report.totals.map((total) => (
                <li key={`${total.action}-${total.role}`}>
                  {total.action} by {total.role}: <strong>{total.count}</strong>
                </li>
              ))}
            </ul>
          </Card>
          <Card title={`Health data accesses per patient (${report.deniedTotal} denied accesses in all)`}>
            <ul className="list" aria-label="Health data accesses per patient">
              {report.phiAccesses.slice(0, 20).map((row) => (
                <li key={row.patientId}>
                  Patient {row.patientId}: {row.accesses} accesses, {row.denied} denied
                </li>
              ))}
            </ul>
          </Card>
          <Card title="Security alerts raised">
            <ul className="list" aria-label="Security alerts by kind">
              {report.alerts.map((row) => (
                <li key={`${row.kind}-${row.severity}-${row.status}`}>
                  {row.kind} ({row.severity}, {row.status.toLowerCase()}): {row.count}
                </li>
              ))}
            </ul>
          </Card>
        </>
      ) : null}
    </div>
  );
}
