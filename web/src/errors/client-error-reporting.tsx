'use client';

import type { ApolloClient } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { usePathname } from 'next/navigation';
import { type ReactNode, useEffect } from 'react';
import { clientErrorReport, createReportGate, type ClientErrorReport } from './client-error-report';
import { ReportClientErrorDocument } from './report-client-error-document';

/** Reports a tab sends at most per page load. */
const gate = createReportGate(10);

/** Sends one report; reporting must never raise an error of its own, so failures are dropped. */
export function sendClientErrorReport(client: ApolloClient, report: ClientErrorReport): void {
  if (!gate(report)) return;
  client.mutate({ mutation: ReportClientErrorDocument, variables: { input: report } }).catch(() => undefined);
}

/** Reports errors nothing caught (window `error`, unhandled promise rejections) for as long as it is mounted. */
export function UncaughtErrorReporter(): ReactNode {
  const client = useApolloClient();
  useEffect(() => {
    const report = (error: unknown): void =>
      sendClientErrorReport(client, clientErrorReport(error, window.location.pathname));
    const onError = (event: ErrorEvent): void => report(event.error ?? event.message);
    const onRejection = (event: PromiseRejectionEvent): void => report(event.reason);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    return () => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    };
  }, [client]);
  return null;
}

/** For an error boundary: reports the error it shows, once. */
export function useReportedError(error: Error): void {
  const client = useApolloClient();
  const pathname = usePathname();
  useEffect(() => {
    sendClientErrorReport(client, clientErrorReport(error, pathname));
  }, [client, error, pathname]);
}
