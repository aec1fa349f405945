import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { patientConfig } from '../config';
import { trustedBundleUrl, UntrustedBundleOriginError } from './document-processed.handler';

const origins = z.object({ DOCUMENT_BUNDLE_ORIGINS: patientConfig.DOCUMENT_BUNDLE_ORIGINS });

describe('DOCUMENT_BUNDLE_ORIGINS', () => {
  it('is parsed once into normalized origins and trusts none when unset', () => {
    expect(
      origins.parse({ DOCUMENT_BUNDLE_ORIGINS: 'http://documents:4008/, https://Files.Example.org/base' })
        .DOCUMENT_BUNDLE_ORIGINS,
    ).toEqual(['http://documents:4008', 'https://files.example.org']);
    expect(origins.parse({}).DOCUMENT_BUNDLE_ORIGINS).toEqual([]);
  });

  it('refuses a value that is not an http(s) URL at start-up', () => {
    expect(origins.safeParse({ DOCUMENT_BUNDLE_ORIGINS: 'documents:4008' }).success).toBe(false);
    expect(origins.safeParse({ DOCUMENT_BUNDLE_ORIGINS: 'ftp://documents' }).success).toBe(false);
  });
});

describe('trustedBundleUrl', () => {
  const trusted = ['http://documents:4008'];

  it('accepts a link on a trusted origin', () => {
    expect(trustedBundleUrl('http://documents:4008/files?key=k&sig=s', trusted).href).toBe(
      'http://documents:4008/files?key=k&sig=s',
    );
  });

  it('refuses other origins, ports, schemes and non-URLs', () => {
    for (const ref of [
      'http://attacker.example/files?key=k',
      'http://documents:4009/files',
      'https://documents:4008/files',
      'http://documents:4008@attacker.example/files',
    ])
      expect(() => trustedBundleUrl(ref, trusted), ref).toThrow(UntrustedBundleOriginError);
    expect(() => trustedBundleUrl('file:///etc/passwd', trusted)).toThrow(/not an http\(s\) URL/);
    expect(() => trustedBundleUrl('not a url', trusted)).toThrow(/not a URL/);
    expect(() => trustedBundleUrl('http://documents:4008/files', [])).toThrow(UntrustedBundleOriginError);
  });
});
