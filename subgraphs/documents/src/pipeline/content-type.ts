/** File types the pipeline reads, decided from the first bytes of the content, never from the name. */
export type DocumentMediaType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff';

const startsWith = (bytes: Buffer, signature: number[], offset = 0): boolean =>
  signature.every((byte, index) => bytes[offset + index] === byte);

/** The media type the magic bytes announce, or null for anything else (executables, archives, text…). */
export function detectMediaType(head: Buffer): DocumentMediaType | null {
  if (head.subarray(0, 1024).includes(Buffer.from('%PDF-'))) return 'application/pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'image/tiff';
  return null;
}

/** Width and height from an image's header, read before anything decodes it (decompression bombs). */
export function imageDimensions(
  bytes: Buffer,
  type: Exclude<DocumentMediaType, 'application/pdf'>,
): { width: number; height: number } | null {
  if (type === 'image/png') {
    if (bytes.length < 24) return null;
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (type === 'image/jpeg') return jpegDimensions(bytes);
  return tiffDimensions(bytes);
}

function jpegDimensions(bytes: Buffer): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] as number;
    const length = bytes.readUInt16BE(offset + 2);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return null;
}

function tiffDimensions(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 8) return null;
  const little = bytes[0] === 0x49;
  const u16 = (at: number): number => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number): number => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > bytes.length) return null;
  let width: number | null = null;
  let height: number | null = null;
  const count = u16(ifd);
  for (let index = 0; index < count; index += 1) {
    const entry = ifd + 2 + index * 12;
    if (entry + 12 > bytes.length) break;
    const tag = u16(entry);
    const value = u16(entry + 2) === 3 ? u16(entry + 8) : u32(entry + 8);
    if (tag === 256) width = value;
    if (tag === 257) height = value;
  }
  return width === null || height === null ? null : { width, height };
}
