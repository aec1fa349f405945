import { createCanvas, loadImage } from '@napi-rs/canvas';
import { createDeflate } from 'node:zlib';

/** A grayscale, uncompressed, single-strip baseline TIFF of a PNG, written by hand (little-endian). */
export async function pngToTiff(png: Buffer): Promise<Buffer> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const rgba = context.getImageData(0, 0, image.width, image.height).data;
  const gray = Buffer.alloc(image.width * image.height);
  for (let pixel = 0; pixel < gray.length; pixel += 1)
    gray[pixel] = Math.round(
      0.299 * (rgba[pixel * 4] as number) +
        0.587 * (rgba[pixel * 4 + 1] as number) +
        0.114 * (rgba[pixel * 4 + 2] as number),
    );
  const entries: Array<[tag: number, type: number, value: number]> = [
    [256, 4, image.width], // ImageWidth
    [257, 4, image.height], // ImageLength
    [258, 3, 8], // BitsPerSample
    [259, 3, 1], // Compression: none
    [262, 3, 1], // PhotometricInterpretation: black is zero
    [273, 4, 0], // StripOffsets (filled below)
    [277, 3, 1], // SamplesPerPixel
    [278, 4, image.height], // RowsPerStrip
    [279, 4, gray.length], // StripByteCounts
  ];
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  const dataOffset = ifdOffset + ifdSize;
  const header = Buffer.alloc(dataOffset);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(ifdOffset, 4);
  header.writeUInt16LE(entries.length, ifdOffset);
  entries.forEach(([tag, type, value], index) => {
    const at = ifdOffset + 2 + index * 12;
    header.writeUInt16LE(tag, at);
    header.writeUInt16LE(type, at + 2);
    header.writeUInt32LE(1, at + 4);
    const stored = tag === 273 ? dataOffset : value;
    if (type === 3) header.writeUInt16LE(stored, at + 8);
    else header.writeUInt32LE(stored, at + 8);
  });
  return Buffer.concat([header, gray]);
}

/** Deflates `size` zero bytes without holding them: a few hundred KB that inflate to `size`. */
function deflatedZeros(size: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const deflate = createDeflate({ level: 9 });
    const chunks: Buffer[] = [];
    deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
    deflate.on('end', () => resolve(Buffer.concat(chunks)));
    deflate.on('error', reject);
    const block = Buffer.alloc(1 << 20);
    for (let written = 0; written < size; written += block.length)
      deflate.write(block.subarray(0, Math.min(block.length, size - written)));
    deflate.end();
  });
}

/**
 * A valid one-page PDF whose only content is a `side`×`side` grayscale image stored as Flate: a decompression bomb
 * (10,000 × 10,000 is 100 MB of pixels from ~100 KB of file).
 */
export async function pdfImageBomb(side: number): Promise<Buffer> {
  const pixels = await deflatedZeros(side * side);
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const add = (chunk: Buffer | string): void => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    parts.push(buffer);
    length += buffer.length;
  };
  const object = (body: Buffer | string, stream?: Buffer): void => {
    offsets.push(length);
    add(`${offsets.length} 0 obj\n`);
    add(body);
    if (stream) {
      add('\nstream\n');
      add(stream);
      add('\nendstream');
    }
    add('\nendobj\n');
  };
  const content = 'q 595 0 0 842 0 0 cm /Im1 Do Q';
  add('%PDF-1.4\n');
  object('<< /Type /Catalog /Pages 2 0 R >>');
  object('<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  object(
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
  );
  object(`<< /Length ${content.length} >>`, Buffer.from(content, 'latin1'));
  object(
    `<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>`,
    pixels,
  );
  const xref = length;
  add(`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n`);
  for (const offset of offsets) add(`${String(offset).padStart(10, '0')} 00000 n \n`);
  add(`trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

/**
 * A one-page PDF with a text layer (Helvetica, 9 pt): one line per row, each row's cells at 130 pt apart, so a row
 * of several cells reads as a table line and a row of one cell as prose.
 */
export function textLayerPdf(rows: readonly (readonly string[])[]): Buffer {
  const escaped = (text: string): string => text.replace(/([\\()])/g, '\\$1');
  const content = rows
    .flatMap((cells, line) =>
      cells.map(
        (cell, column) =>
          `BT /F1 9 Tf 1 0 0 1 ${40 + 130 * column} ${800 - 16 * line} Tm (${escaped(cell)}) Tj ET`,
      ),
    )
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
