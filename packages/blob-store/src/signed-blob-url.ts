import { createHmac, timingSafeEqual } from 'node:crypto';
import { assertBlobKey } from './blob-store';

export type BlobOperation = 'get' | 'put';

/** What a signed URL allows: one operation on one key, for one subject, until `expiresAt`. */
export interface BlobGrant {
  operation: BlobOperation;
  key: string;
  /** Who the owner issued it to (a user or service id); the access check and the audit see it. */
  subject: string;
  expiresAt: Date;
  /** Upload limit carried in the URL (put only). */
  maxBytes?: number;
}

export class InvalidBlobUrlError extends Error {
  override readonly name = 'InvalidBlobUrlError';
}

const canonical = (grant: {
  operation: string;
  key: string;
  subject: string;
  expires: string;
  maxBytes: string;
}): string =>
  ['hv-blob-v1', grant.operation, grant.key, grant.subject, grant.expires, grant.maxBytes].join('\n');

/** HMAC-SHA256 signed, expiring URLs for the blob route; the key comes from config (BLOB_URL_SIGNING_KEY). */
export class BlobUrlSigner {
  private readonly key: Buffer;

  constructor(signingKey: string) {
    if (signingKey.length < 32) throw new Error('Blob URL signing key must be at least 32 characters');
    this.key = Buffer.from(signingKey, 'utf8');
  }

  private mac(text: string): Buffer {
    return createHmac('sha256', this.key).update(text).digest();
  }

  /** `baseUrl` is where the owning subgraph mounted the route, e.g. `http://host:4008/files`. */
  sign(baseUrl: string, grant: BlobGrant): string {
    assertBlobKey(grant.key);
    const fields = {
      operation: grant.operation,
      key: grant.key,
      subject: grant.subject,
      expires: String(Math.floor(grant.expiresAt.getTime() / 1000)),
      maxBytes: grant.maxBytes === undefined ? '' : String(grant.maxBytes),
    };
    const url = new URL(baseUrl);
    url.searchParams.set('op', fields.operation);
    url.searchParams.set('key', fields.key);
    url.searchParams.set('sub', fields.subject);
    url.searchParams.set('exp', fields.expires);
    if (fields.maxBytes) url.searchParams.set('max', fields.maxBytes);
    url.searchParams.set('sig', this.mac(canonical(fields)).toString('base64url'));
    return url.toString();
  }

  /** Returns the grant a request's URL carries, or throws when it is forged, altered or expired. */
  verify(url: URL, now = new Date()): BlobGrant {
    const fields = {
      operation: url.searchParams.get('op') ?? '',
      key: url.searchParams.get('key') ?? '',
      subject: url.searchParams.get('sub') ?? '',
      expires: url.searchParams.get('exp') ?? '',
      maxBytes: url.searchParams.get('max') ?? '',
    };
    const given = Buffer.from(url.searchParams.get('sig') ?? '', 'base64url');
    const expected = this.mac(canonical(fields));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new InvalidBlobUrlError('The file link is not valid.');
    }
    const expiresAt = new Date(Number(fields.expires) * 1000);
    if (!(expiresAt.getTime() > now.getTime())) throw new InvalidBlobUrlError('The file link has expired.');
    if (fields.operation !== 'get' && fields.operation !== 'put') {
      throw new InvalidBlobUrlError('The file link is not valid.');
    }
    return {
      operation: fields.operation,
      key: fields.key,
      subject: fields.subject,
      expiresAt,
      ...(fields.maxBytes ? { maxBytes: Number(fields.maxBytes) } : {}),
    };
  }
}
