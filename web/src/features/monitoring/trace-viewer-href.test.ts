import { describe, expect, it } from 'vitest';
import { traceViewerHref } from './trace-viewer-href';

describe('traceViewerHref', () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

  it('puts the trace id into the template', () => {
    expect(traceViewerHref('http://localhost:16686/trace/{traceId}', traceId)).toBe(
      `http://localhost:16686/trace/${traceId}`,
    );
  });

  it('links nothing without a template or for an id that is not a W3C trace id', () => {
    expect(traceViewerHref(null, traceId)).toBeNull();
    expect(traceViewerHref('http://localhost:16686/trace/{traceId}', 'javascript:alert(1)')).toBeNull();
  });
});
