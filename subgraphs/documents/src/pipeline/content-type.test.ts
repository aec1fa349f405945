import { describe, expect, it } from 'vitest';
import { detectMediaType, imageDimensions } from './content-type';

describe('content type from magic bytes', () => {
  it('knows PDF, PNG, JPEG and TIFF by content and nothing else', () => {
    expect(detectMediaType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(detectMediaType(Buffer.from('89504e470d0a1a0a', 'hex'))).toBe('image/png');
    expect(detectMediaType(Buffer.from('ffd8ffe0', 'hex'))).toBe('image/jpeg');
    expect(detectMediaType(Buffer.from('49492a00', 'hex'))).toBe('image/tiff');
    expect(detectMediaType(Buffer.from('7f454c46', 'hex'))).toBeNull();
    expect(detectMediaType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(detectMediaType(Buffer.from('PK\x03\x04'))).toBeNull();
    expect(detectMediaType(Buffer.alloc(0))).toBeNull();
  });

  it('reads image dimensions from headers without decoding', () => {
    const png = Buffer.concat([
      Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      Buffer.from('00004e2000004e20', 'hex'),
    ]);
    expect(imageDimensions(png, 'image/png')).toEqual({ width: 20_000, height: 20_000 });
    const jpeg = Buffer.from(
      'ffd8ffe000104a46494600010100000100010000ffc0001108012c00c803012200021101031101',
      'hex',
    );
    expect(imageDimensions(jpeg, 'image/jpeg')).toEqual({ width: 200, height: 300 });
    const tiff = Buffer.from(
      '49492a000800000002000001030001000000400100000101030001000000f000000000000000',
      'hex',
    );
    expect(imageDimensions(tiff, 'image/tiff')).toEqual({ width: 320, height: 240 });
  });
});
