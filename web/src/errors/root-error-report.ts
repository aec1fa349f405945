import { clientErrorReport, createReportGate } from './client-error-report';

/** The web server's route that passes the root error page's reports on to monitoring. */
export const ROOT_ERROR_REPORT_PATH = '/api/client-errors';

type Post = (url: string, init: RequestInit) => Promise<unknown>;

/**
 * For the root error page, which replaces the root layout and so has no Apollo client: posts the error to the web
 * server (same origin), once per error and at most 10 per page load; reporting never raises an error of its own.
 */
export function createRootErrorReporter(post: Post): (error: unknown, pathname: string) => void {
  const gate = createReportGate(10);
  return (error, pathname) => {
    const report = clientErrorReport(error, pathname);
    if (!gate(report)) return;
    post(ROOT_ERROR_REPORT_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(report),
      // The page may be left (or reloaded by "Try again") before the answer comes.
      keepalive: true,
    }).catch(() => undefined);
  };
}
