/** What `reportClientError` accepts; the monitoring subgraph refuses anything larger. */
export interface ClientErrorReport {
  errorName: string;
  message: string;
  stack: string | null;
  page: string | null;
}

const PAGE = /^\/[A-Za-z0-9/_\-[\].]*$/;

/**
 * Shapes a caught error for monitoring: capped to the server's limits, the page as a path only (a query string may
 * carry search terms), so the report is accepted and carries no more than the error itself. Monitoring scrubs PHI.
 */
export function clientErrorReport(error: unknown, pathname: string): ClientErrorReport {
  const caught =
    error instanceof Error ? error : new Error(typeof error === 'string' ? error : 'Non-error value thrown');
  const page = pathname.split('?')[0]?.slice(0, 300) ?? '';
  return {
    errorName: (caught.name || 'Error').slice(0, 200),
    message: (caught.message || '(no message)').slice(0, 2_000),
    stack: caught.stack ? caught.stack.slice(0, 16_000) : null,
    page: PAGE.test(page) ? page : null,
  };
}

/**
 * Decides which reports a page load sends: the same error once, and at most `max` in all, so a render loop or an
 * error storm in one tab does not flood monitoring (which rate-limits per caller anyway).
 */
export function createReportGate(max: number): (report: ClientErrorReport) => boolean {
  const seen = new Set<string>();
  return (report) => {
    const key = `${report.errorName}|${report.message}|${report.page ?? ''}`;
    if (seen.has(key) || seen.size >= max) return false;
    seen.add(key);
    return true;
  };
}
