const TRACE_ID = /^[\da-f]{32}$/;

/** The viewer URL for one trace; null without a template, or for an id that is not a W3C trace id. */
export function traceViewerHref(template: string | null, traceId: string): string | null {
  return template && TRACE_ID.test(traceId) ? template.replaceAll('{traceId}', traceId) : null;
}
