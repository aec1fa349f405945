import { type RouteHandler, sendGraphQLError, sendJson } from '@holovitals/http-server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  BlobExistsError,
  BlobNotFoundError,
  type BlobStore,
  BlobTooLargeError,
  InvalidBlobKeyError,
  type StoredBlob,
} from './blob-store';
import { type BlobGrant, type BlobUrlSigner, InvalidBlobUrlError } from './signed-blob-url';

export type BlobAccessOutcome = 'allowed' | 'denied' | 'failed';

/** One file access through a signed URL, for the owning subgraph's audit trail. */
export interface BlobAuditEvent {
  action: 'file.download' | 'file.upload';
  key: string | null;
  subject: string | null;
  outcome: BlobAccessOutcome;
  reason?: string;
  size?: number;
  sha256?: string;
  clientIp: string | null;
}

export interface BlobRouteOptions {
  store: BlobStore;
  signer: BlobUrlSigner;
  /** Mount path, e.g. `/files`; signed URLs point at it. */
  path: string;
  /** Upper bound for any upload, whatever a URL says. */
  maxBytes: number;
  /** The owner's check at the moment of access (consent withdrawn, document deleted, …). */
  authorize: (grant: BlobGrant, req: IncomingMessage) => Promise<boolean>;
  /** Called for every attempt, allowed or not. */
  audit: (event: BlobAuditEvent) => Promise<void>;
  /** After a successful upload (e.g. record size and sha256, enqueue processing). */
  onUploaded?: (grant: BlobGrant, blob: StoredBlob) => Promise<void>;
}

class RouteRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function refusalFor(error: unknown): RouteRefusal | null {
  if (error instanceof RouteRefusal) return error;
  if (error instanceof InvalidBlobUrlError) return new RouteRefusal(403, 'FORBIDDEN', error.message);
  if (error instanceof InvalidBlobKeyError) return new RouteRefusal(400, 'BAD_USER_INPUT', error.message);
  if (error instanceof BlobNotFoundError) return new RouteRefusal(404, 'NOT_FOUND', 'No such file.');
  if (error instanceof BlobExistsError)
    return new RouteRefusal(409, 'CONFLICT', 'The file was already uploaded.');
  if (error instanceof BlobTooLargeError) return new RouteRefusal(413, 'PAYLOAD_TOO_LARGE', error.message);
  return null;
}

const clientIp = (req: IncomingMessage): string | null => req.socket.remoteAddress ?? null;

/**
 * `GET <path>` streams a file and `PUT <path>` stores one, each only through a signed, unexpired
 * URL for that operation, after the owner's access check, and audited either way. Files travel as
 * raw bytes here, never as base64 inside GraphQL JSON.
 */
export function blobRoutes(options: BlobRouteOptions): Record<string, RouteHandler> {
  async function handle(
    operation: BlobGrant['operation'],
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<void> {
    let grant: BlobGrant | null = null;
    const action = operation === 'get' ? 'file.download' : 'file.upload';
    try {
      grant = options.signer.verify(url);
      if (grant.operation !== operation) throw new InvalidBlobUrlError('The file link is not valid.');
      if (!(await options.authorize(grant, req))) {
        throw new RouteRefusal(403, 'FORBIDDEN', 'Access to this file is not allowed.');
      }
      if (operation === 'get') {
        const content = await options.store.get(grant.key);
        await options.audit({
          action,
          key: grant.key,
          subject: grant.subject,
          outcome: 'allowed',
          size: content.size,
          clientIp: clientIp(req),
        });
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': content.size,
          'content-disposition': 'attachment',
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, no-store',
        });
        await pipeline(content.stream, res);
        return;
      }
      const maxBytes = Math.min(grant.maxBytes ?? options.maxBytes, options.maxBytes);
      if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw new BlobTooLargeError(maxBytes);
      // The store reads from a pass-through, so a refused body does not tear down the socket before the answer.
      const body = new PassThrough();
      req.pipe(body);
      const blob = await options.store.put(grant.key, body, { maxBytes });
      await options.onUploaded?.(grant, blob);
      await options.audit({
        action,
        key: grant.key,
        subject: grant.subject,
        outcome: 'allowed',
        size: blob.size,
        sha256: blob.sha256,
        clientIp: clientIp(req),
      });
      sendJson(res, 201, blob);
    } catch (error) {
      const refusal = refusalFor(error);
      await options.audit({
        action,
        key: grant?.key ?? null,
        subject: grant?.subject ?? null,
        outcome: refusal?.status === 403 ? 'denied' : 'failed',
        reason: refusal?.message ?? 'internal error',
        clientIp: clientIp(req),
      });
      if (!refusal || res.headersSent) throw error;
      if (operation === 'put' && !req.readableEnded) {
        // Stop reading an unwanted body: answer, then close the connection.
        res.setHeader('connection', 'close');
        res.once('finish', () => req.destroy());
      }
      sendGraphQLError(res, refusal.status, refusal.code, refusal.message);
    }
  }

  return {
    [`GET ${options.path}`]: (req, res, url) => handle('get', req, res, url),
    [`PUT ${options.path}`]: (req, res, url) => handle('put', req, res, url),
  };
}
