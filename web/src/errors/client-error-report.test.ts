import { describe, expect, it } from 'vitest';
import { clientErrorReport, createReportGate } from './client-error-report';

describe('clientErrorReport', () => {
  it('keeps name, message and stack within the server limits and the page as a bare path', () => {
    const error = new TypeError('x'.repeat(3_000));
    const report = clientErrorReport(error, '/labs/2345-7');
    expect(report.errorName).toBe('TypeError');
    expect(report.message).toHaveLength(2_000);
    expect(report.page).toBe('/labs/2345-7');
    expect(clientErrorReport(error, '/search?q=diabetes').page).toBe('/search');
    expect(clientErrorReport(error, 'javascript:alert(1)').page).toBeNull();
  });

  it('reports thrown non-errors too', () => {
    expect(clientErrorReport('boom', '/').message).toBe('boom');
    expect(clientErrorReport(undefined, '/').message).toBe('Non-error value thrown');
  });
});

describe('createReportGate', () => {
  it('sends each error once and at most the cap per page load', () => {
    const gate = createReportGate(2);
    const report = (message: string) => ({ errorName: 'Error', message, stack: null, page: '/' });
    expect(gate(report('a'))).toBe(true);
    expect(gate(report('a'))).toBe(false);
    expect(gate(report('b'))).toBe(true);
    expect(gate(report('c'))).toBe(false);
  });
});
