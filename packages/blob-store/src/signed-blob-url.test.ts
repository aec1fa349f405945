import { describe, expect, it } from 'vitest';
import { BlobUrlSigner, InvalidBlobUrlError } from './signed-blob-url';

const signer = new BlobUrlSigner('s'.repeat(40));
const base = 'http://127.0.0.1:4008/files';
const inFiveMinutes = (): Date => new Date(Date.now() + 300_000);

describe('signed blob URLs', () => {
  it('verifies its own URL and returns the grant it carries', () => {
    const expiresAt = inFiveMinutes();
    const url = signer.sign(base, {
      operation: 'put',
      key: 'docs/a.pdf',
      subject: 'user-1',
      expiresAt,
      maxBytes: 1000,
    });
    expect(signer.verify(new URL(url))).toEqual({
      operation: 'put',
      key: 'docs/a.pdf',
      subject: 'user-1',
      expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000),
      maxBytes: 1000,
    });
  });

  it('refuses a URL whose key, operation, subject, expiry or limit was changed', () => {
    const url = signer.sign(base, {
      operation: 'get',
      key: 'docs/a.pdf',
      subject: 'user-1',
      expiresAt: inFiveMinutes(),
    });
    const changes: Array<[string, string]> = [
      ['key', 'docs/b.pdf'],
      ['op', 'put'],
      ['sub', 'user-2'],
      ['exp', String(Math.floor(Date.now() / 1000) + 999_999)],
      ['max', '999999999'],
    ];
    for (const [name, value] of changes) {
      const altered = new URL(url);
      altered.searchParams.set(name, value);
      expect(() => signer.verify(altered)).toThrow(InvalidBlobUrlError);
    }
  });

  it('refuses an expired URL and one signed with another key', () => {
    const grant = { operation: 'get' as const, key: 'k', subject: 'u', expiresAt: inFiveMinutes() };
    const url = new URL(signer.sign(base, grant));
    expect(() => signer.verify(url, new Date(Date.now() + 301_000))).toThrow('The file link has expired.');
    expect(() => new BlobUrlSigner('t'.repeat(40)).verify(url)).toThrow('The file link is not valid.');
    expect(() => new BlobUrlSigner('short')).toThrow(/at least 32/);
  });
});
