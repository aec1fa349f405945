import { sendJson } from '@holovitals/http-server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BulkExportError, type BulkExports } from './bulk-export';
import type { TokenGrant } from './smart-authorization';

const KICK_OFF = /^\/Patient(?:\/([A-Za-z0-9\-.]{1,64}))?\/\$export$/;
const STATUS = /^\/bulk-status\/([\w-]+)$/;
const FILE = /^\/bulk-files\/([\w-]+)\/([A-Za-z]+)\.ndjson$/;

function acceptsFhirJson(accept: string | undefined): boolean {
  return !accept || /application\/(fhir\+)?json|\*\/\*/.test(accept);
}

/**
 * The Bulk Data HTTP surface under /fhir (`path` is relative to it): kick-off (`Patient/$export` or
 * `Patient/[id]/$export` for the token's own patient), status polling, cancellation and file download. Answers
 * false when the request is none of these.
 */
export function handleBulkExport(
  exports: BulkExports,
  req: IncomingMessage,
  res: ServerResponse,
  request: { path: string; search: URLSearchParams; fhirBaseUrl: string; grant: TokenGrant },
): boolean {
  const { path, grant, fhirBaseUrl } = request;
  const kickOff = KICK_OFF.exec(path);
  const status = STATUS.exec(path);
  const file = FILE.exec(path);
  try {
    if (req.method === 'GET' && kickOff) {
      const prefer = String(req.headers.prefer ?? '');
      if (!/respond-async/.test(prefer))
        throw new BulkExportError(400, 'Bulk export needs Prefer: respond-async.');
      if (!acceptsFhirJson(req.headers.accept))
        throw new BulkExportError(400, 'Bulk export kick-off needs Accept: application/fhir+json.');
      // Another patient's id is answered like an unknown one: the token reveals nothing beyond its compartment.
      if (kickOff[1] !== undefined && kickOff[1] !== grant.patientId)
        throw new BulkExportError(404, `Patient/${kickOff[1]} not found.`);
      const id = exports.kickOff(
        grant,
        request.search,
        `${fhirBaseUrl}${path}${request.search.size > 0 ? `?${request.search.toString()}` : ''}`,
        /handling=lenient/.test(prefer),
      );
      res.writeHead(202, { 'content-location': `${fhirBaseUrl}/bulk-status/${id}` });
      res.end();
    } else if (req.method === 'GET' && status?.[1]) {
      const result = exports.status(status[1], grant, fhirBaseUrl);
      if (!result.ready) {
        res.writeHead(202, { 'retry-after': String(result.retryAfter), 'x-progress': result.progress });
        res.end();
      } else {
        res.setHeader('expires', result.expires.toUTCString());
        sendJson(res, 200, result.manifest);
      }
    } else if (req.method === 'DELETE' && status?.[1]) {
      exports.delete(status[1], grant);
      res.writeHead(202);
      res.end();
    } else if (req.method === 'GET' && file?.[1] && file[2]) {
      const ndjson = exports.file(file[1], file[2], grant);
      res.writeHead(200, { 'content-type': 'application/fhir+ndjson' });
      res.end(ndjson);
    } else return false;
  } catch (error) {
    if (!(error instanceof BulkExportError)) throw error;
    sendJson(res, error.status, {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: error.status === 404 ? 'not-found' : error.status === 403 ? 'forbidden' : 'processing',
          details: { text: error.message },
        },
      ],
    });
  }
  return true;
}
