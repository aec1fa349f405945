import { type IncomingMessage, request as httpRequest, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** The documents subgraph's signed-URL route; the web app serves it on its own origin. */
export const FILES_PATH = '/files';

const REQUEST_HEADERS = ['content-length', 'content-type'] as const;
const RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-disposition',
  'x-content-type-options',
  'cache-control',
] as const;

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

export function isFilesRequest(req: IncomingMessage): boolean {
  return new URL(req.url ?? '/', 'http://web').pathname === FILES_PATH;
}

/**
 * Streams `GET /files` (download) and `PUT /files` (upload) to the documents subgraph, so browsers use its
 * signed URLs on the web app's origin (no CORS) and the subgraph itself is never published. The signature,
 * expiry and access check stay with the subgraph; this only moves bytes, never buffering a file.
 */
export function forwardFileRequest(req: IncomingMessage, res: ServerResponse, documentsUrl: string): void {
  if (req.method !== 'GET' && req.method !== 'PUT') {
    res.setHeader('allow', 'GET, PUT');
    sendError(res, 405, 'METHOD_NOT_ALLOWED', 'Files are only downloaded (GET) or uploaded (PUT).');
    return;
  }
  const incoming = new URL(req.url ?? '/', 'http://web');
  const target = new URL(`${FILES_PATH}${incoming.search}`, documentsUrl);
  const headers: Record<string, string> = {};
  for (const name of REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(target, { method: req.method, headers }, (answer) => {
    const forwarded: Record<string, string> = {};
    for (const name of RESPONSE_HEADERS) {
      const value = answer.headers[name];
      if (typeof value === 'string') forwarded[name] = value;
    }
    res.writeHead(answer.statusCode ?? 502, forwarded);
    answer.pipe(res);
    answer.on('error', () => res.destroy());
  });
  upstream.on('error', () => {
    if (res.headersSent) res.destroy();
    else {
      // The body may still be arriving: answer, then drop the connection rather than read it all.
      res.setHeader('connection', 'close');
      res.once('finish', () => req.destroy());
      sendError(
        res,
        502,
        'SERVICE_UNAVAILABLE',
        'The document service cannot be reached. Try again shortly.',
      );
    }
  });
  // A browser that gives up mid-transfer must not leave the subgraph waiting for the rest.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  if (req.method === 'PUT') req.pipe(upstream);
  else upstream.end();
}
